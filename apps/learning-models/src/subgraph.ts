import { ImportWrites, OutboxEvent, importProgressResolverFor, subgraphIdentity, type SubgraphDefinition } from '@khg/platform';
import { Initial1764600000000 } from './migrations/1764600000000-initial';
import { LearningModels1764700000000 } from './migrations/1764700000000-learning-models';
import { CitizenKind1766000000000 } from './migrations/1766000000000-citizen-kind';
import { ImportWrites1766100000000 } from './migrations/1766100000000-import-writes';
import type { LearningContext, LearningLoaders } from './context';
import { Area } from './modules/shared/stubs';
import { LearningModelDecision, LearningModelEntry } from './modules/entries/entry.entity';
import { LearningModelEntryResolver } from './modules/entries/entry.resolver';
import { EntryService } from './modules/entries/entry.service';
import { entryLoaders } from './modules/entries/entry.loaders';
import { AreaLearningModelsResolver, LearningModelRateResolver } from './modules/rates/rate.resolver';
import { RateService } from './modules/rates/rate.service';
import { rateLoaders } from './modules/rates/rate.loaders';
import { CenterEvaluation, CommunityLearningCenter } from './modules/centers/center.entity';
import { CommunityLearningCenterResolver } from './modules/centers/center.resolver';
import { CenterService } from './modules/centers/center.service';
import { centerLoaders } from './modules/centers/center.loaders';
import { TrainingCourse } from './modules/courses/course.entity';
import { TrainingCourseResolver } from './modules/courses/course.resolver';
import { CourseService } from './modules/courses/course.service';
import { courseLoaders } from './modules/courses/course.loaders';
import { seedLearningDemo } from './demo/seed';

import { ComparableYear } from '@khg/platform/membership-refs';
import { PLAN_FIGURE_TYPES, planFigureReferenceResolvers } from '@khg/platform/plan-refs';
import { AreaFiguresLearningResolver, PlanIndicatorLearningResolver, YearReportLearningResolver } from './modules/plan-figures/plan-figures.resolver';
import { PlanFiguresService } from './modules/plan-figures/plan-figures.service';
import { planFigureLoaders } from './modules/plan-figures/plan-figures.loaders';
import { ComparableYearLearningModelsResolver } from './modules/rates/comparable.resolver';

const ImportProgress = importProgressResolverFor('learning-models');

const resolvers = [
  LearningModelEntryResolver,
  AreaLearningModelsResolver,
  LearningModelRateResolver,
  CommunityLearningCenterResolver,
  TrainingCourseResolver,
  ComparableYearLearningModelsResolver,
  AreaFiguresLearningResolver,
  PlanIndicatorLearningResolver,
  YearReportLearningResolver,
  ImportProgress,
] as const;

/** Learning models: families, clans, communities and units against targets; Community Learning Centres; cadre training. */
export const learningModelsSubgraph: SubgraphDefinition<LearningLoaders> = {
  ...subgraphIdentity('learning-models'),
  entities: [LearningModelEntry, LearningModelDecision, CommunityLearningCenter, CenterEvaluation, TrainingCourse, OutboxEvent],
  migrations: [Initial1764600000000, LearningModels1764700000000, CitizenKind1766000000000, ImportWrites1766100000000],
  schema: {
    resolvers: [...resolvers],
    // Reached only through membership's Area.comparableSeries: declared so this subgraph can extend it.
    // Plans' figure types: reached only through the plans subgraph, extended here with this subgraph's figures.
    orphanedTypes: [ComparableYear, ...PLAN_FIGURE_TYPES],
    referenceResolvers: {
      LearningModelEntry: { __resolveReference: (ref, ctx: LearningContext) => ctx.loaders.entry.load(ref.id) },
      CommunityLearningCenter: { __resolveReference: (ref, ctx: LearningContext) => ctx.loaders.center.load(ref.id) },
      TrainingCourse: { __resolveReference: (ref, ctx: LearningContext) => ctx.loaders.course.load(ref.id) },
      // Nothing to load: Area.learningModels works from the key and the required ancestorIds.
      Area: { __resolveReference: (ref) => Object.assign(new Area(), ref) },
      ComparableYear: { __resolveReference: (ref) => Object.assign(new ComparableYear(), ref) },
      ...planFigureReferenceResolvers,
    },
  },
  wire({ ds, outbox, directory }) {
    const imports = new ImportWrites(ds, outbox);
    const entries = new EntryService(ds, outbox, imports);
    const rates = new RateService(ds, outbox);
    const centers = new CenterService(ds, outbox);
    const courses = new CourseService(ds, outbox);
    const figures = new PlanFiguresService(ds);
    return {
      instances: [
        new LearningModelEntryResolver(entries),
        new ImportProgress(imports),
        new AreaLearningModelsResolver(),
        new LearningModelRateResolver(rates),
        new CommunityLearningCenterResolver(centers),
        new TrainingCourseResolver(courses),
        new ComparableYearLearningModelsResolver(),
        new AreaFiguresLearningResolver(),
        new PlanIndicatorLearningResolver(),
        new YearReportLearningResolver(),
      ],
      makeLoaders: () => ({
        ...entryLoaders(entries),
        ...rateLoaders(rates),
        ...centerLoaders(centers),
        ...courseLoaders(courses),
        ...planFigureLoaders(figures),
        ...directory.loaders(),
      }),
    };
  },
  seedDemo: seedLearningDemo,
};
