import { runSubgraph } from '@khg/platform';
import { noticesSubgraph } from './subgraph';

runSubgraph(noticesSubgraph()).catch((e: unknown) => {
  process.stderr.write(`notices failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
