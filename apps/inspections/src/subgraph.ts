import { OutboxEvent, keyedLoader, type RequestContext, type SubgraphDefinition } from '@khg/platform';
import { In } from 'typeorm';
import { Initial1764600000000 } from './migrations/1764600000000-initial';
import { PolicyDocument } from './modules/policy_documents/policy_documents.entity';
import { PolicyDocumentResolver } from './modules/policy_documents/policy_documents.resolver';

type Loaders = { policyDocument: ReturnType<typeof keyedLoader<string, PolicyDocument>> };

export const inspectionsSubgraph: SubgraphDefinition<Loaders> = {
  name: 'inspections',
  dbSchema: 'inspections',
  defaultPort: 4004,
  entities: [PolicyDocument, OutboxEvent],
  migrations: [Initial1764600000000],
  schema: {
    resolvers: [PolicyDocumentResolver],
    referenceResolvers: {
      PolicyDocument: { __resolveReference: (ref, ctx: RequestContext<Loaders>) => ctx.loaders.policyDocument.load(ref.id) },
    },
  },
  wire({ ds }) {
    return {
      instances: [new PolicyDocumentResolver(ds)],
      makeLoaders: () => ({ policyDocument: keyedLoader((ids: readonly string[]) => ds.getRepository(PolicyDocument).findBy({ id: In([...ids]) }), (x) => x.id) }),
    };
  },
};
