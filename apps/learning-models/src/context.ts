import type { DirectoryLoaders, RequestContext } from '@khg/platform';
import type { EntryLoaders } from './modules/entries/entry.loaders';
import type { RateLoaders } from './modules/rates/rate.loaders';
import type { CenterLoaders } from './modules/centers/center.loaders';
import type { CourseLoaders } from './modules/courses/course.loaders';

export type LearningLoaders = EntryLoaders & RateLoaders & CenterLoaders & CourseLoaders & DirectoryLoaders;
export type LearningContext = RequestContext<LearningLoaders>;
