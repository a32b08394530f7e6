import { runSubgraph } from '@khg/platform';
import { plansSubgraph } from './subgraph';

runSubgraph(plansSubgraph).catch((e: unknown) => {
  process.stderr.write(`plans failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
