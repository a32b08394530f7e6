import { keyedLoader } from '@khg/platform';
import type { CourseService } from './course.service';

export function courseLoaders(courses: CourseService) {
  return {
    course: keyedLoader(
      (ids: readonly string[]) => courses.byIds(ids),
      (c) => c.id,
    ),
  };
}
export type CourseLoaders = ReturnType<typeof courseLoaders>;
