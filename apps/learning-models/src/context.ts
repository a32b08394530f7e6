import type { DirectoryLoaders, RequestContext } from '@khg/platform';
import type { EntryLoaders } from './modules/entries/entry.loaders';
import type { RateLoaders } from './modules/rates/rate.loaders';
import type { CenterLoaders } from './modules/centers/center.loaders';
import type { CourseLoaders } from './modules/courses/course.loaders';
import type { PlanFigureLoaders } from './modules/plan-figures/plan-figures.loaders';

export type LearningLoaders = EntryLoaders & RateLoaders & CenterLoaders & CourseLoaders & PlanFigureLoaders & DirectoryLoaders;
export type LearningContext = RequestContext<LearningLoaders>;
