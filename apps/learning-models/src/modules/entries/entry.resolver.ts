import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LearningModelKind, LearningModelStatus } from '@khg/domain';
import { DateScalar, IMPORT_ID_DESCRIPTION, requireId } from '@khg/platform';
import type { LearningContext } from '../../context';
import { Area, areaRef } from '../shared/stubs';
import { LearningModelDecision, LearningModelEntry } from './entry.entity';
import { RegisterLearningModelInput } from './entry.input';
import type { EntryService } from './entry.service';

@Resolver(() => LearningModelEntry)
export class LearningModelEntryResolver {
  constructor(private readonly entries: EntryService) {}

  @Query(() => [LearningModelEntry], {
    description:
      'Entries of a year in the area and below it (all areas when areaId is left out), in registration order; page with `after` = the last id’s cursor (`cursor` field).',
  })
  learningModelEntries(
    @Arg('year', () => Int) year: number,
    @Arg('areaId', () => ID, { nullable: true }) areaId?: string,
    @Arg('kind', () => LearningModelKind, { nullable: true }) kind?: LearningModelKind,
    @Arg('status', () => LearningModelStatus, { nullable: true }) status?: LearningModelStatus,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<LearningModelEntry[]> {
    return this.entries.page({ year, areaId, kind, status, first, after });
  }

  @Query(() => [LearningModelEntry], { nullable: 'items', description: 'Entries by id, in the order asked (null where none exists).' })
  learningModelEntriesByIds(@Ctx() ctx: LearningContext, @Arg('ids', () => [ID]) ids: string[]): Promise<(LearningModelEntry | null)[]> {
    return Promise.all(ids.map((id) => ctx.loaders.entry.load(requireId('LearningModelEntry', id, 'ids'))));
  }

  @FieldResolver(() => Area, { description: 'The village, commune (or, for a unit, any area) it was registered in.' })
  area(@Root() e: LearningModelEntry): Area {
    return areaRef(e.areaId);
  }

  @FieldResolver(() => String, { description: 'Opaque cursor of this entry, for `learningModelEntries(after:)`.' })
  cursor(@Root() e: LearningModelEntry): string {
    return this.entries.cursorOf(e);
  }

  @FieldResolver(() => [LearningModelDecision], { description: 'Its decision and every correction of it, oldest first.' })
  history(@Root() e: LearningModelEntry, @Ctx() ctx: LearningContext): Promise<LearningModelDecision[]> {
    return ctx.loaders.entryHistory.load(e.id);
  }

  @Mutation(() => LearningModelEntry, { description: 'Registers a candidate (đăng ký). ADMIN, or an OFFICER in its area and below.' })
  async registerLearningModel(
    @Ctx() ctx: LearningContext,
    @Arg('input', () => RegisterLearningModelInput) input: RegisterLearningModelInput,
  ): Promise<LearningModelEntry> {
    const [entry] = await this.entries.register(ctx.caller, ctx.loaders, [input]);
    return entry;
  }

  @Mutation(() => [LearningModelEntry], {
    description:
      'Registers a whole list (e.g. a commune’s families), all or nothing, up to 10,000 rows (and the gateway’s 1 MB request limit). A bad list is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index, field, message}.',
  })
  registerLearningModels(
    @Ctx() ctx: LearningContext,
    @Arg('inputs', () => [RegisterLearningModelInput]) inputs: RegisterLearningModelInput[],
    @Arg('importId', () => ID, { nullable: true, description: IMPORT_ID_DESCRIPTION }) importId?: string,
  ): Promise<LearningModelEntry[]> {
    return this.entries.register(ctx.caller, ctx.loaders, inputs, importId ?? null);
  }

  @Mutation(() => LearningModelEntry, {
    description:
      'Decides on a REGISTERED entry: recognised (decisionNumber and decidedOn required) or not. A second decision is a CONFLICT: use correctLearningModelDecision.',
  })
  decideLearningModel(
    @Ctx() ctx: LearningContext,
    @Arg('id', () => ID) id: string,
    @Arg('recognized', () => Boolean) recognized: boolean,
    @Arg('decisionNumber', () => String, { nullable: true }) decisionNumber?: string,
    @Arg('decidedOn', () => DateScalar, {
      nullable: true,
      description: 'Date of the decision, in or after the entry’s year; default today when not recognised.',
    })
    decidedOn?: string,
    @Arg('criteriaCode', () => String, { nullable: true, description: 'The criteria set applied, e.g. "448/QĐ-KHVN".' }) criteriaCode?: string,
  ): Promise<LearningModelEntry> {
    return this.entries.decide(ctx.caller, ctx.loaders, { id, recognized, decisionNumber, decidedOn, criteriaCode }, false);
  }

  @Mutation(() => LearningModelEntry, { description: 'Corrects the decision on an entry, with the reason; the earlier decision stays in `history`.' })
  correctLearningModelDecision(
    @Ctx() ctx: LearningContext,
    @Arg('id', () => ID) id: string,
    @Arg('recognized', () => Boolean) recognized: boolean,
    @Arg('decisionNumber', () => String) decisionNumber: string,
    @Arg('decidedOn', () => DateScalar) decidedOn: string,
    @Arg('reason', () => String) reason: string,
    @Arg('criteriaCode', () => String, { nullable: true }) criteriaCode?: string,
  ): Promise<LearningModelEntry> {
    return this.entries.decide(ctx.caller, ctx.loaders, { id, recognized, decisionNumber, decidedOn, criteriaCode, reason }, true);
  }
}
