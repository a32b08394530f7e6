// Build step: writes schema.graphql, the SDL the gateway's composition reads.
import { join } from 'node:path';
import { printSubgraphSchema } from '@khg/platform';
import { plansSubgraph } from './subgraph';

printSubgraphSchema(plansSubgraph, join(__dirname, '..', 'schema.graphql')).catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
