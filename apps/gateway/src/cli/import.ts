#!/usr/bin/env node
// `npm run import -- <kind> <file> [--org ID] [--fund ID] [--year YYYY] [--dry-run] [--url URL] [--token T]`
// Uploads a file to the running gateway's POST /imports/<kind>, follows its progress with a bar and
// prints the same problems (row, column, message) the endpoint answers. Exit 0 when the file was
// imported (or validated with --dry-run), 1 when refused or failed, 2 on bad arguments.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { Role } from '@khg/domain';
import { loadConfig, secret, signUserToken } from '@khg/platform';
import { IMPORT_KINDS, kindOfSlug, slugOf } from '../imports/kinds';

interface Answer {
  id: string;
  status: string;
  rows: number;
  rowsDone: number;
  problemCount: number;
  problems: { row: number; column: string | null; message: string }[];
  warnings: { row: number; column: string | null; message: string }[];
  error?: string;
}

const RUNNING = ['VALIDATING', 'IMPORTING'];
const fail = (message: string, code = 2): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      fund: { type: 'string' },
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 4000}` },
      token: { type: 'string' },
    },
  });
  const [slug, file] = positionals;
  const kinds = IMPORT_KINDS.map(slugOf).join(', ');
  if (!slug || !file) fail(`usage: npm run import -- <kind> <file> [--org ID] [--fund ID] [--year YYYY] [--dry-run]\n  kinds: ${kinds}`);
  if (!kindOfSlug(slug)) fail(`unknown kind "${slug}"; one of ${kinds}`);
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    fail(`cannot read ${file}`);
  }
  // The local install's ADMIN, as `npm run token` makes it; an operator elsewhere passes --token.
  const token =
    values.token ??
    process.env.KHG_TOKEN ??
    (await signUserToken(loadConfig('import', { JWT_SECRET: secret('JWT_SECRET') }).JWT_SECRET, { sub: 'local-import', role: Role.ADMIN }));
  const query = new URLSearchParams();
  if (values.org) query.set('organizationId', values.org);
  if (values.fund) query.set('fundId', values.fund);
  if (values.year) query.set('year', values.year);
  if (values['dry-run']) query.set('dryRun', 'true');
  const base = values.url!.replace(/\/+$/, '');
  const auth = { authorization: `Bearer ${token}` };

  process.stderr.write(`Uploading ${basename(file)} (${(size / 1e6).toFixed(1)} MB) to ${base}/imports/${slug}\n`);
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)]), basename(file));
  const res = await fetch(`${base}/imports/${slug}?${query}`, { method: 'POST', headers: auth, body: form }).catch((e: Error) =>
    fail(`cannot reach the gateway at ${base} (${e.message}); is it running (npm start)? Set --url otherwise`, 1),
  );
  let answer = (await res.json()) as Answer;
  if (res.status !== 202) fail(`refused (${res.status}): ${answer.error ?? JSON.stringify(answer)}`, 1);

  const bar = new SingleBar({ format: '{status} [{bar}] {percentage}% | {value}/{total} rows', hideCursor: true }, Presets.shades_classic);
  let barStarted = false;
  while (RUNNING.includes(answer.status)) {
    if (answer.rows && !barStarted) {
      bar.start(answer.rows, answer.rowsDone, { status: answer.status });
      barStarted = true;
    } else if (barStarted) bar.update(answer.rowsDone, { status: answer.status });
    // follows the import as any client does: GET /imports/{id} until it is done
    await new Promise((r) => setTimeout(r, 500));
    answer = await poll(`${base}/imports/${answer.id}`, auth);
  }
  if (barStarted) {
    bar.update(answer.rowsDone, { status: answer.status });
    bar.stop();
  }
  for (const w of answer.warnings) process.stdout.write(`warning  row ${w.row}${w.column ? `, column "${w.column}"` : ''}: ${w.message}\n`);
  for (const p of answer.problems) process.stdout.write(`problem  row ${p.row}${p.column ? `, column "${p.column}"` : ''}: ${p.message}\n`);
  if (answer.problemCount > answer.problems.length)
    process.stdout.write(`… and ${answer.problemCount - answer.problems.length} more (GET ${base}/imports/${answer.id})\n`);
  process.stdout.write(`${answer.status}: ${answer.rows} rows, ${answer.rowsDone} written (import ${answer.id})\n`);
  process.exit(answer.status === 'COMPLETED' || answer.status === 'VALIDATED' ? 0 : 1);
}

/**
 * The import's state, asked again after a failed request: a busy machine can drop a kept-alive
 * connection between two polls, and the import goes on in the gateway regardless.
 */
async function poll(url: string, headers: Record<string, string>): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { headers });
      if (res.ok) return (await res.json()) as Answer;
      if (res.status < 500) fail(`the gateway answered ${res.status} for ${url}: ${await res.text()}`, 1);
      throw new Error(`HTTP ${res.status}`);
    } catch (e) {
      if (attempt === 5) fail(`lost the import's progress (${(e as Error).message}); it goes on in the gateway: GET ${url}`, 1);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

void main();
