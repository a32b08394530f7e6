import { runSubgraph } from '@khg/platform';
import { inspectionsSubgraph } from './subgraph';

runSubgraph(inspectionsSubgraph).catch((e: unknown) => {
  process.stderr.write(`inspections failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
