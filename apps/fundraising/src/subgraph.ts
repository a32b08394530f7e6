import { OutboxEvent, keyedLoader, type RequestContext, type SubgraphDefinition } from '@khg/platform';
import { In } from 'typeorm';
import { Initial1764600000000 } from './migrations/1764600000000-initial';
import { Fund } from './modules/funds/funds.entity';
import { FundResolver } from './modules/funds/funds.resolver';

type Loaders = { fund: ReturnType<typeof keyedLoader<string, Fund>> };

export const fundraisingSubgraph: SubgraphDefinition<Loaders> = {
  name: 'fundraising',
  dbSchema: 'fundraising',
  defaultPort: 4002,
  entities: [Fund, OutboxEvent],
  migrations: [Initial1764600000000],
  schema: {
    resolvers: [FundResolver],
    referenceResolvers: {
      Fund: { __resolveReference: (ref, ctx: RequestContext<Loaders>) => ctx.loaders.fund.load(ref.id) },
    },
  },
  wire({ ds }) {
    return {
      instances: [new FundResolver(ds)],
      makeLoaders: () => ({ fund: keyedLoader((ids: readonly string[]) => ds.getRepository(Fund).findBy({ id: In([...ids]) }), (x) => x.id) }),
    };
  },
};
