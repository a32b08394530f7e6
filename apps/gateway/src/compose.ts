// Build step: composes the manifest's subgraphs' SDL into supergraph.graphql. A composition error
// fails the build, so a breaking schema change never reaches the gateway.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';
import { fromRoot, loadManifest, type SubgraphManifestEntry } from '@khg/platform/manifest';
import { WEBHOOKS_SDL } from './events/webhooks';
import { DOWNLOADS_SDL } from './downloads/schema';
import { IMPORTS_SDL } from './imports/schema';

const ROOT = join(__dirname, '..', '..', '..');

/** The supergraph SDL from the subgraphs' printed schemas, or the composition errors. */
export function composeSupergraph(manifest: readonly SubgraphManifestEntry[] = loadManifest()): { supergraph: string } | { errors: string[] } {
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = manifest.map((m) => ({
    name: m.name,
    url: `http://127.0.0.1:${m.port}/graphql`,
    typeDefs: parse(readFileSync(fromRoot(ROOT, m.schemaFile), 'utf8')),
  }));
  // The webhooks subgraph runs inside the gateway (see events/webhooks.ts).
  services.push({ name: 'events', url: 'http://gateway.local/events', typeDefs: parse(WEBHOOKS_SDL) });
  // Query.export and its signed links are served inside the gateway too (see downloads/schema.ts).
  services.push({ name: 'downloads', url: 'http://gateway.local/downloads', typeDefs: parse(DOWNLOADS_SDL) });
  // Query.import(s): the import records live in the gateway's own schema (see imports/schema.ts).
  services.push({ name: 'imports', url: 'http://gateway.local/imports', typeDefs: parse(IMPORTS_SDL) });
  const result = composeServices(services);
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraph: result.supergraphSdl };
}

export const SUPERGRAPH_FILE = join(__dirname, '..', 'supergraph.graphql');

if (require.main === module) {
  const result = composeSupergraph();
  if ('errors' in result) {
    process.stderr.write(`Composition failed:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  const current = existsSync(SUPERGRAPH_FILE) ? readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
  if (current !== result.supergraph) {
    // In CI the checked-in file must already match: a stale supergraph is a failed build there.
    if (process.env.CI === 'true') {
      process.stderr.write('supergraph.graphql is stale: run `npm run build` locally and commit apps/gateway/supergraph.graphql\n');
      process.exit(1);
    }
    writeFileSync(SUPERGRAPH_FILE, result.supergraph);
    process.stdout.write(
      `supergraph.graphql recomposed from ${loadManifest()
        .map((m) => m.name)
        .join(', ')}, events, downloads and imports\n`,
    );
  }
}
