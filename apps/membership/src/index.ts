import { runSubgraph } from '@khg/platform';
import { membershipSubgraph } from './subgraph';

runSubgraph(membershipSubgraph).catch((e: unknown) => {
  process.stderr.write(`membership failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
