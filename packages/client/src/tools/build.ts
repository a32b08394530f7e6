// Build step of @khg/client (after tsc): the API schema from the gateway's supergraph, the
// breaking-change check against the committed one, the typed operations (GraphQL Code Generator,
// client preset) and the trusted documents list. Every output is committed; under CI=true a stale
// one fails the build instead of being rewritten, as apps/gateway/src/compose.ts does.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { apiSchemaSdl } from '@khg/gateway/api-schema';
import { schemaChangeRefusal } from '../schema-changes';
import { trustedDocuments } from '../trusted-documents';
import { codegenConfig } from './codegen-config';

const PACKAGE = join(__dirname, '..', '..');
const ROOT = join(PACKAGE, '..', '..');
const SCHEMA_FILE = join(PACKAGE, 'schema.graphql');
const TRUSTED_FILE = join(PACKAGE, 'trusted-documents.json');
const CHANGELOG = join(ROOT, 'docs', 'schema-changes.md');
const CI = process.env.CI === 'true';

const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

/** Writes `content` unless it is already there; under CI a difference is a failed build. Returns whether it wrote. */
function keep(file: string, content: string): boolean {
  if (read(file) === content) return false;
  const name = relative(ROOT, file);
  if (CI) fail(`${name} is stale: run \`npm run build\` locally and commit it`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  process.stdout.write(`${name} regenerated\n`);
  return true;
}

async function main(): Promise<void> {
  const schema = apiSchemaSdl();
  const refusal = await schemaChangeRefusal(read(SCHEMA_FILE), schema, read(CHANGELOG));
  if (refusal) fail(refusal);
  keep(SCHEMA_FILE, schema);

  const files = await generate(codegenConfig(PACKAGE, SCHEMA_FILE), false);
  let changed = false;
  for (const f of files) {
    // The preset's own persisted-documents.json becomes trusted-documents.json below (checked, at the package root).
    if (f.filename.endsWith('persisted-documents.json')) {
      keep(TRUSTED_FILE, `${JSON.stringify(trustedDocuments(JSON.parse(f.content) as Record<string, string>), null, 2)}\n`);
      continue;
    }
    changed = keep(f.filename, f.content) || changed;
  }
  // The first tsc compiled the previous generation; compile the new one so dist matches it.
  if (changed) execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(PACKAGE, 'tsconfig.build.json')], { stdio: 'inherit' });
}

main().catch((e: unknown) => fail(`@khg/client build failed: ${(e as Error).stack ?? String(e)}`));
