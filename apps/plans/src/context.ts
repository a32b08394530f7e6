import type { DirectoryLoaders, RequestContext } from '@khg/platform';
import type { PlanLoaders } from './modules/plans/plan.loaders';

export type PlansLoaders = PlanLoaders & DirectoryLoaders;
export type PlansContext = RequestContext<PlansLoaders>;
