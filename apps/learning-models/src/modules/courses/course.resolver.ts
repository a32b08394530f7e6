import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { LearningContext } from '../../context';
import { Organization, organizationRef } from '../shared/stubs';
import { TrainingCourse } from './course.entity';
import { RecordTrainingCourseInput } from './course.input';
import type { CourseService } from './course.service';

@Resolver(() => TrainingCourse)
export class TrainingCourseResolver {
  constructor(private readonly courses: CourseService) {}

  @Query(() => [TrainingCourse], {
    description: 'Courses held in a year (all when left out), newest first; organizerId keeps those of that organisation and below.',
  })
  trainingCourses(
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('organizerId', () => ID, { nullable: true }) organizerId?: string,
  ): Promise<TrainingCourse[]> {
    return this.courses.list(year, organizerId);
  }

  @FieldResolver(() => Organization)
  organizer(@Root() c: TrainingCourse): Organization {
    return organizationRef(c.organizerId);
  }

  @Mutation(() => TrainingCourse, { description: 'Records a course held (ADMIN, or an OFFICER of the organiser or above it).' })
  recordTrainingCourse(@Ctx() ctx: LearningContext, @Arg('input', () => RecordTrainingCourseInput) input: RecordTrainingCourseInput): Promise<TrainingCourse> {
    return this.courses.record(ctx.caller, ctx.loaders, input);
  }
}
