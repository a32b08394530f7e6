import type { SubgraphDeps } from '@khg/platform';

export async function seedLearningDemo(_deps: SubgraphDeps): Promise<void> {}
