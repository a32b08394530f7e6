import { runSubgraph } from '@khg/platform';
import { learningModelsSubgraph } from './subgraph';

runSubgraph(learningModelsSubgraph).catch((e: unknown) => {
  process.stderr.write(`learning-models failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
