import { InternalGraphClient, OutboxEvent, loadManifest, subgraphIdentity, type SubgraphDefinition } from '@khg/platform';
import type { PlansContext, PlansLoaders } from './context';
import { Initial1766000000000 } from './migrations/1766000000000-initial';
import { WorkPlan, WorkPlanRevision } from './modules/plans/plan.entity';
import { AreaFiguresResolver, PlanIndicatorResolver, WorkPlanResolver, YearReportResolver } from './modules/plans/plan.resolver';
import { PlanDocuments } from './modules/plans/plan-document';
import { PlanService } from './modules/plans/plan.service';
import { planLoaders } from './modules/plans/plan.loaders';
import { seedPlansDemo } from './demo/seed';

const resolvers = [WorkPlanResolver, PlanIndicatorResolver, AreaFiguresResolver, YearReportResolver] as const;

/** Plans: the yearly work plan as data; its indicators' actuals come from the subgraphs that own the figures. */
export const plansSubgraph: SubgraphDefinition<PlansLoaders> = {
  ...subgraphIdentity('plans'),
  entities: [WorkPlan, WorkPlanRevision, OutboxEvent],
  migrations: [Initial1766000000000],
  schema: {
    resolvers: [...resolvers],
    referenceResolvers: {
      WorkPlan: { __resolveReference: (ref, ctx: PlansContext) => ctx.loaders.plan.load(ref.id) },
      // Figures are computed from the key and what @requires brings: nothing to load here.
      PlanIndicator: { __resolveReference: (ref) => ref },
      AreaFigures: { __resolveReference: (ref) => ref },
      YearReport: { __resolveReference: (ref) => ref },
    },
  },
  wire({ ds, outbox, directory, config }) {
    // Inspections owns policy documents: a plan's documentId is checked there (its URL as the gateway reads it).
    const inspections = loadManifest().find((m) => m.name === 'inspections');
    const inspectionsUrl = inspections ? (process.env[inspections.urlVariable] ?? `http://127.0.0.1:${inspections.port}/graphql`) : null;
    const documents = new PlanDocuments(inspectionsUrl ? new InternalGraphClient(inspectionsUrl, config.INTERNAL_SECRET, 'plans', 'inspections') : null);
    const plans = new PlanService(ds, outbox, documents);
    return {
      instances: [new WorkPlanResolver(plans), new PlanIndicatorResolver(), new AreaFiguresResolver(), new YearReportResolver()],
      makeLoaders: () => ({ ...planLoaders(plans), ...directory.loaders() }),
    };
  },
  seedDemo: seedPlansDemo,
};
