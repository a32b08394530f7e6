// A tiny extra subgraph that exists only to prove the manifest: a test adds it with one entry in a
// manifest file, composes it with the others and boots it beside them (apps/gateway/test/manifest.test.ts).
import { OutboxEvent, subgraphIdentity, type SubgraphDefinition } from '@khg/platform';
import { Notice, Organization } from './notice.entity';
import { NoticeResolver, OrganizationNoticesResolver } from './notice.resolver';
import { NoticeService } from './notice.service';
import { noticeLoaders, type NoticeLoaders } from './notice.loaders';
import { NoticesInitial1766000000000 } from './initial.migration';

export const noticesSubgraph = (env: NodeJS.ProcessEnv = process.env): SubgraphDefinition<NoticeLoaders> => ({
  ...subgraphIdentity('notices', env),
  entities: [Notice, OutboxEvent],
  migrations: [NoticesInitial1766000000000],
  schema: {
    resolvers: [NoticeResolver, OrganizationNoticesResolver],
    // referenced by no field here, only extended: listed so the SDL has it
    orphanedTypes: [Organization],
    referenceResolvers: { Organization: { __resolveReference: (ref): Organization => ({ id: ref.id }) } },
  },
  wire({ ds }) {
    const notices = new NoticeService(ds);
    return { instances: [new NoticeResolver(notices), new OrganizationNoticesResolver()], makeLoaders: () => noticeLoaders(notices) };
  },
});
