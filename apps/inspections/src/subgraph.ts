import { OutboxEvent, subgraphIdentity, type SubgraphDefinition } from '@khg/platform';
import type { InspectionsContext, InspectionsLoaders } from './context';
import { Initial1764600000000 } from './migrations/1764600000000-initial';
import { Inspections1764700000000 } from './migrations/1764700000000-inspections';
import { organizationRef } from './modules/shared/stubs';
import { PolicyDocument } from './modules/policy-documents/policy-document.entity';
import { PolicyDocumentResolver } from './modules/policy-documents/policy-document.resolver';
import { PolicyDocumentService } from './modules/policy-documents/policy-document.service';
import { policyDocumentLoaders } from './modules/policy-documents/policy-document.loaders';
import { Finding, Inspection, InspectionDocument } from './modules/inspections/inspection.entity';
import { InspectionResolver } from './modules/inspections/inspection.resolver';
import { InspectionService } from './modules/inspections/inspection.service';
import { inspectionLoaders } from './modules/inspections/inspection.loaders';
import { Recommendation } from './modules/recommendations/recommendation.entity';
import { OrganizationInspectionsResolver, RecommendationResolver } from './modules/recommendations/recommendation.resolver';
import { RecommendationService } from './modules/recommendations/recommendation.service';
import { recommendationLoaders } from './modules/recommendations/recommendation.loaders';
import { CooperationProgram } from './modules/cooperation/cooperation-program.entity';
import { CooperationProgramResolver } from './modules/cooperation/cooperation-program.resolver';
import { CooperationProgramService } from './modules/cooperation/cooperation-program.service';
import { cooperationLoaders } from './modules/cooperation/cooperation-program.loaders';
import { OutreachActivity, OutreachDocument } from './modules/outreach/outreach-activity.entity';
import { OutreachActivityResolver } from './modules/outreach/outreach-activity.resolver';
import { OutreachActivityService } from './modules/outreach/outreach-activity.service';
import { outreachLoaders } from './modules/outreach/outreach-activity.loaders';
import { seedInspectionsDemo } from './demo/seed';

const resolvers = [
  PolicyDocumentResolver,
  InspectionResolver,
  RecommendationResolver,
  CooperationProgramResolver,
  OutreachActivityResolver,
  OrganizationInspectionsResolver,
] as const;

/** Inspections: policy documents, inspections with findings and recommendations, cooperation programmes, outreach. */
export const inspectionsSubgraph: SubgraphDefinition<InspectionsLoaders> = {
  ...subgraphIdentity('inspections'),
  entities: [PolicyDocument, Inspection, InspectionDocument, Finding, Recommendation, CooperationProgram, OutreachActivity, OutreachDocument, OutboxEvent],
  migrations: [Initial1764600000000, Inspections1764700000000],
  schema: {
    resolvers: [...resolvers],
    referenceResolvers: {
      PolicyDocument: { __resolveReference: (ref, ctx: InspectionsContext) => ctx.loaders.policyDocument.load(ref.id) },
      Inspection: { __resolveReference: (ref, ctx: InspectionsContext) => ctx.loaders.inspection.load(ref.id) },
      CooperationProgram: { __resolveReference: (ref, ctx: InspectionsContext) => ctx.loaders.cooperationProgram.load(ref.id) },
      OutreachActivity: { __resolveReference: (ref, ctx: InspectionsContext) => ctx.loaders.outreachActivity.load(ref.id) },
      // membership vouches for the organisation; here it is only the key our fields hang on
      Organization: { __resolveReference: (ref) => organizationRef(ref.id) },
    },
  },
  wire({ ds, outbox, directory }) {
    const docs = new PolicyDocumentService(ds, outbox);
    const inspections = new InspectionService(ds, outbox, docs);
    const recs = new RecommendationService(ds, outbox);
    const programs = new CooperationProgramService(ds, outbox);
    const outreach = new OutreachActivityService(ds, outbox, docs);
    return {
      instances: [
        new PolicyDocumentResolver(docs),
        new InspectionResolver(inspections),
        new RecommendationResolver(recs),
        new CooperationProgramResolver(programs),
        new OutreachActivityResolver(outreach),
        new OrganizationInspectionsResolver(),
      ],
      makeLoaders: () => ({
        ...policyDocumentLoaders(docs),
        ...inspectionLoaders(inspections),
        ...recommendationLoaders(recs),
        ...cooperationLoaders(programs),
        ...outreachLoaders(outreach),
        ...directory.loaders(),
      }),
    };
  },
  seedDemo: seedInspectionsDemo,
};
