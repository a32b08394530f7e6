// Build step: composes the four subgraphs' SDL into supergraph.graphql. A composition error
// fails the build, so a breaking schema change never reaches the gateway.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, type DocumentNode } from 'graphql';
import { WEBHOOKS_SDL } from './events/webhooks';

export const SUBGRAPH_NAMES = ['membership', 'fundraising', 'learning-models', 'inspections'] as const;
const APPS = join(__dirname, '..', '..');

/** The supergraph SDL from the subgraphs' printed schemas, or the composition errors. */
export function composeSupergraph(): { supergraph: string } | { errors: string[] } {
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = SUBGRAPH_NAMES.map((name, i) => ({
    name,
    url: `http://127.0.0.1:${4001 + i}/graphql`,
    typeDefs: parse(readFileSync(join(APPS, name, 'schema.graphql'), 'utf8')),
  }));
  // The webhooks subgraph runs inside the gateway (see events/webhooks.ts).
  services.push({ name: 'events', url: 'http://gateway.local/events', typeDefs: parse(WEBHOOKS_SDL) });
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
    process.stdout.write(`supergraph.graphql recomposed from ${SUBGRAPH_NAMES.join(', ')} and events\n`);
  }
}
