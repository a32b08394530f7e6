import { createHash } from 'node:crypto';

/**
 * The trusted documents list from the client preset's persisted documents: `{ "<sha256>": "<document>" }`,
 * each key checked to be the sha256 of its printed document (what APQ and the gateway's safelist hash),
 * sorted by hash so a new document is a one-line diff.
 */
export function trustedDocuments(persisted: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const hash of Object.keys(persisted).sort()) {
    const text = persisted[hash];
    const actual = createHash('sha256').update(text).digest('hex');
    if (actual !== hash) throw new Error(`persisted document ${hash} hashes to ${actual}: the codegen must use sha256 over the printed document`);
    out[hash] = text;
  }
  return out;
}
