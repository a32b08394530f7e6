import type { DirectoryLoaders, RequestContext } from '@khg/platform';
import type { PolicyDocumentLoaders } from './modules/policy-documents/policy-document.loaders';
import type { InspectionLoaders } from './modules/inspections/inspection.loaders';
import type { RecommendationLoaders } from './modules/recommendations/recommendation.loaders';
import type { CooperationLoaders } from './modules/cooperation/cooperation-program.loaders';
import type { OutreachLoaders } from './modules/outreach/outreach-activity.loaders';
import type { PlanFigureLoaders } from './modules/plan-figures/plan-figures.loaders';

export type InspectionsLoaders = PolicyDocumentLoaders &
  InspectionLoaders &
  RecommendationLoaders &
  CooperationLoaders &
  OutreachLoaders &
  PlanFigureLoaders &
  DirectoryLoaders;
export type InspectionsContext = RequestContext<InspectionsLoaders>;
