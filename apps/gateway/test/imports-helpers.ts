import { asAdmin, eventually, testState } from '@khg/testing';

/** What GET /imports/{id} and POST /imports/{kind} answer (the contract's Import). */
export interface ImportJson {
  id: string;
  kind: string;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  status: string;
  rows: number;
  rowsDone: number;
  problemCount: number;
  problems: { row: number; column: string | null; message: string }[];
  warnings: { row: number; column: string | null; message: string }[];
}

export const gatewayBase = () => testState().gatewayUrl.replace(/\/graphql$/, '');

/** POST /imports/{kind} as a browser form would: multipart, field `file`. */
export async function upload(
  kind: string,
  file: Buffer,
  fileName: string,
  query: Record<string, string>,
  token?: string,
): Promise<{ status: number; location: string | null; body: ImportJson & { error?: string; code?: string } }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  const res = await fetch(`${gatewayBase()}/imports/${kind}?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token ?? (await asAdmin())}` },
    body: form,
  });
  return { status: res.status, location: res.headers.get('location'), body: (await res.json()) as ImportJson };
}

const RUNNING = ['VALIDATING', 'IMPORTING'];

/** Follows GET /imports/{id} until the import is done (a condition, never a delay). */
export async function finished(id: string, token?: string): Promise<ImportJson> {
  const auth = { authorization: `Bearer ${token ?? (await asAdmin())}` };
  return eventually(
    async () => {
      const r = (await (await fetch(`${gatewayBase()}/imports/${id}`, { headers: auth })).json()) as ImportJson;
      return RUNNING.includes(r.status) ? null : r;
    },
    `import ${id} to finish`,
    120_000,
  );
}

/** Uploads and waits for the outcome. */
export async function importFile(kind: string, file: Buffer, fileName: string, query: Record<string, string>, token?: string): Promise<ImportJson> {
  const r = await upload(kind, file, fileName, query, token);
  if (r.status !== 202) throw new Error(`upload answered ${r.status}: ${JSON.stringify(r.body)}`);
  return finished(r.body.id, token);
}
