// The one list of the platform's subgraphs. Composition, `npm start`, the test platform, the
// gateway's routing and event relay, and the benchmarks all derive what they need from it, so
// adding a subgraph is one entry here plus its app folder (docs/development.md).
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

export interface SubgraphManifestEntry {
  /** its name in the supergraph, in logs and in metrics */
  readonly name: string;
  /** its own Postgres schema; also the `source` of its events in the global log */
  readonly dbSchema: string;
  /** its port under `npm start` (overridden by `<NAME>_PORT`) */
  readonly port: number;
  /** the environment variable that tells the gateway and other processes where it answers */
  readonly urlVariable: string;
  /** the environment variable that sets its port under `npm start` */
  readonly portVariable: string;
  /** the built entry point, relative to the repository root or absolute */
  readonly entry: string;
  /** its printed SDL, composed into the supergraph at build time */
  readonly schemaFile: string;
}

/** What an entry must say; the rest follows the conventions of `apps/<name>`. */
export type SubgraphManifestInput = Pick<SubgraphManifestEntry, 'name' | 'dbSchema' | 'port'> & Partial<SubgraphManifestEntry>;

/** `learning-models` → `LEARNING_MODELS`. */
export const envPrefix = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

export function subgraphEntry(e: SubgraphManifestInput): SubgraphManifestEntry {
  return {
    urlVariable: `${envPrefix(e.name)}_URL`,
    portVariable: `${envPrefix(e.name)}_PORT`,
    entry: `apps/${e.name}/dist/index.js`,
    schemaFile: `apps/${e.name}/schema.graphql`,
    ...e,
  };
}

/** The platform's subgraphs, in start order (membership first: the others ask it where things sit). */
export const SUBGRAPH_MANIFEST: readonly SubgraphManifestEntry[] = [
  subgraphEntry({ name: 'membership', dbSchema: 'membership', port: 4001 }),
  subgraphEntry({ name: 'fundraising', dbSchema: 'fundraising', port: 4002 }),
  subgraphEntry({ name: 'learning-models', dbSchema: 'learning', port: 4003 }),
  subgraphEntry({ name: 'inspections', dbSchema: 'inspections', port: 4004 }),
  subgraphEntry({ name: 'plans', dbSchema: 'plans', port: 4005 }),
];

/** Names a JSON file of manifest entries that replaces the built-in list (tests, custom deployments). */
export const MANIFEST_ENV = 'KHG_SUBGRAPH_MANIFEST';

/** A subgraph's entry (its app's `subgraph.ts` takes name, schema and port from here). */
export function manifestEntry(name: string, entries: readonly SubgraphManifestEntry[] = SUBGRAPH_MANIFEST): SubgraphManifestEntry {
  const e = entries.find((s) => s.name === name);
  if (!e) throw new Error(`No subgraph named "${name}" in the manifest (packages/platform/src/manifest.ts, or the file named by ${MANIFEST_ENV})`);
  return e;
}

/**
 * The manifest in force for this process: the built-in list, or the file named by
 * KHG_SUBGRAPH_MANIFEST. Checked as a whole: names, schemas and ports must be unique.
 */
export function loadManifest(env: NodeJS.ProcessEnv = process.env): readonly SubgraphManifestEntry[] {
  const file = env[MANIFEST_ENV];
  if (!file) return SUBGRAPH_MANIFEST;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${MANIFEST_ENV}=${file} could not be read as JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${MANIFEST_ENV}=${file} must hold a non-empty JSON array of subgraph entries`);
  const entries = raw.map((r: Partial<SubgraphManifestInput>, i) => {
    if (typeof r?.name !== 'string' || typeof r.dbSchema !== 'string' || typeof r.port !== 'number') {
      throw new Error(`${MANIFEST_ENV}=${file}: entry ${i + 1} needs a name, a dbSchema and a port`);
    }
    return subgraphEntry(r as SubgraphManifestInput);
  });
  checkManifest(entries);
  return entries;
}

export function checkManifest(entries: readonly SubgraphManifestEntry[]): void {
  for (const key of ['name', 'dbSchema', 'urlVariable'] as const) {
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e[key])) throw new Error(`Two subgraphs in the manifest share the ${key} "${e[key]}"`);
      seen.add(e[key]);
    }
  }
  if (!entries.some((e) => e.name === 'membership'))
    throw new Error('The manifest must include membership: every subgraph asks it where areas and organisations sit');
}

/**
 * The old generation's limit of every service process, gateway and subgraphs, wherever it is started
 * (packages/stack, infra/docker/run.mjs; each app's `npm start` writes 512). With no limit V8 sizes the old
 * generation from the machine's memory and lets garbage pile up to several times the live heap
 * before it collects:
 * - the gateway, during a 100,000-member import: heap used 260–290 MB against ~125–180 MB live,
 *   RSS 376–402 MB; with 512 MB the same import peaked at 293–325 MB. Its live heap stays far below
 *   it (after start ~80 MB, the response cache 64 MB by default, an import of 200,000 rows ~150 MB
 *   more); two such imports at once are the case the limit could refuse;
 * - the subgraphs, after the benchmark's sixteen concurrent 500-donation answers: fundraising ended
 *   at 289–350 MB and membership at up to 328 MB; with 512 MB no subgraph ended above 202 MB at
 *   scales 1 and 10, at the same speed (docs/performance.md, "Issue 21, fifth session").
 */
export const DEFAULT_HEAP_MB = 512;

/** Node's options for a service process: its old generation's limit, `KHG_HEAP_MB` else 512 MB. */
export function serviceNodeOptions(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.KHG_HEAP_MB?.trim();
  if (!raw) return [`--max-old-space-size=${DEFAULT_HEAP_MB}`];
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 128) {
    throw new Error(`KHG_HEAP_MB must be a whole number of megabytes, at least 128 (got "${env.KHG_HEAP_MB}")`);
  }
  return [`--max-old-space-size=${mb}`];
}

/** An entry's file (entry point, schema) as an absolute path from the repository root. */
export const fromRoot = (root: string, path: string): string => (isAbsolute(path) ? path : resolve(root, path));

/** The subgraph whose outbox a global-log row came from (its Postgres schema) → its name. */
export function serviceOfSource(entries: readonly SubgraphManifestEntry[], source: string): string {
  return entries.find((e) => e.dbSchema === source)?.name ?? source;
}

/** The manifest's part of a `SubgraphDefinition`: name, Postgres schema, default port. */
export function subgraphIdentity(name: string, env: NodeJS.ProcessEnv = process.env): { name: string; dbSchema: string; defaultPort: number } {
  const e = manifestEntry(name, loadManifest(env));
  return { name: e.name, dbSchema: e.dbSchema, defaultPort: e.port };
}
