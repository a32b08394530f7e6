import { runSubgraph } from '@khg/platform';
import { fundraisingSubgraph } from './subgraph';

runSubgraph(fundraisingSubgraph).catch((e: unknown) => {
  process.stderr.write(`fundraising failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
