import { In, type DataSource } from 'typeorm';
import { EventType, collapseWhitespace, isPlausibleYear, todayInVietnam } from '@khg/domain';
import { badInput, newId, notFound, requireId, requireWriterWithin, type Caller, type DirectoryLoaders, type Outbox } from '@khg/platform';
import { TrainingCourse } from './course.entity';
import type { RecordTrainingCourseInput } from './course.input';

export class CourseService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async byIds(ids: readonly string[]): Promise<TrainingCourse[]> {
    return this.ds.getRepository(TrainingCourse).findBy({ id: In([...ids]) });
  }

  /** Courses of a year (all years when none), by organiser's subtree when asked, newest first. */
  async list(year?: number | null, organizerId?: string | null): Promise<TrainingCourse[]> {
    const qb = this.ds.getRepository(TrainingCourse).createQueryBuilder('t');
    if (year !== undefined && year !== null) {
      if (!isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`);
      qb.andWhere('t.held_on >= make_date(:year, 1, 1) AND t.held_on < make_date(:year + 1, 1, 1)', { year });
    }
    if (organizerId) qb.andWhere('t.organizer_ancestry @> ARRAY[:org]::text[]', { org: requireId('Organization', organizerId, 'organizerId') });
    return qb.orderBy('t.held_on', 'DESC').addOrderBy('t.id').limit(5000).getMany();
  }

  async record(caller: Caller, loaders: DirectoryLoaders, input: RecordTrainingCourseInput): Promise<TrainingCourse> {
    requireId('Organization', input.organizerId, 'organizerId');
    const title = collapseWhitespace(input.title);
    if (title.length < 3 || title.length > 300) throw badInput('title must be 3 to 300 characters');
    if (!Number.isInteger(input.participants) || input.participants <= 0) throw badInput(`participants must be a whole number > 0 (got ${input.participants})`);
    if (input.participants > 100_000) throw badInput(`participants ${input.participants} is implausibly many for one course`);
    if (input.heldOn > todayInVietnam()) throw badInput(`heldOn ${input.heldOn} is in the future: record a course once it has been held`);
    if (!isPlausibleYear(+input.heldOn.slice(0, 4))) throw badInput(`heldOn ${input.heldOn} is outside 1990–2100`);
    const org = await loaders.organizationInfo.load(input.organizerId);
    if (!org) throw notFound('Organization', input.organizerId);
    requireWriterWithin(caller, org.ancestry, 'Recording a training course');
    if (org.closedOn && org.closedOn < input.heldOn) throw badInput(`${org.name} was dissolved on ${org.closedOn}, before ${input.heldOn}`);
    return this.ds.transaction(async (em) => {
      const course = em.create(TrainingCourse, {
        id: newId('TrainingCourse'),
        title,
        organizerId: org.id,
        organizerAncestry: org.ancestry,
        areaId: org.areaId,
        heldOn: input.heldOn,
        participants: input.participants,
      });
      await em.insert(TrainingCourse, course);
      await this.outbox.append(em, caller, {
        type: EventType.TRAINING_COURSE_RECORDED,
        subjectId: course.id,
        areaId: org.areaId,
        payload: { organizerId: org.id, participants: course.participants },
      });
      return course;
    });
  }
}
