import { OutboxEvent, keyedLoader, type RequestContext, type SubgraphDefinition } from '@khg/platform';
import { In } from 'typeorm';
import { Initial1764600000000 } from './migrations/1764600000000-initial';
import { CommunityLearningCenter } from './modules/community_learning_centers/community_learning_centers.entity';
import { CommunityLearningCenterResolver } from './modules/community_learning_centers/community_learning_centers.resolver';

type Loaders = { center: ReturnType<typeof keyedLoader<string, CommunityLearningCenter>> };

export const learningModelsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'learning-models',
  dbSchema: 'learning',
  defaultPort: 4003,
  entities: [CommunityLearningCenter, OutboxEvent],
  migrations: [Initial1764600000000],
  schema: {
    resolvers: [CommunityLearningCenterResolver],
    referenceResolvers: {
      CommunityLearningCenter: { __resolveReference: (ref, ctx: RequestContext<Loaders>) => ctx.loaders.center.load(ref.id) },
    },
  },
  wire({ ds }) {
    return {
      instances: [new CommunityLearningCenterResolver(ds)],
      makeLoaders: () => ({ center: keyedLoader((ids: readonly string[]) => ds.getRepository(CommunityLearningCenter).findBy({ id: In([...ids]) }), (x) => x.id) }),
    };
  },
};
