import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CenterGrade } from '@khg/domain';
import { DateScalar } from '@khg/platform';
import type { LearningContext } from '../../context';
import { Area, areaRef } from '../shared/stubs';
import { CenterEvaluation, CommunityLearningCenter } from './center.entity';
import type { CenterService } from './center.service';

@Resolver(() => CommunityLearningCenter)
export class CommunityLearningCenterResolver {
  constructor(private readonly centers: CenterService) {}

  @Query(() => [CommunityLearningCenter], { description: 'Centres of the communes in the area and below (all when areaId is left out), by name.' })
  communityLearningCenters(@Arg('areaId', () => ID, { nullable: true }) areaId?: string): Promise<CommunityLearningCenter[]> {
    return this.centers.list(areaId);
  }

  @FieldResolver(() => Area, { description: 'The commune it serves.' })
  area(@Root() c: CommunityLearningCenter): Area {
    return areaRef(c.areaId);
  }

  @FieldResolver(() => [CenterEvaluation], { description: 'Yearly evaluations, oldest first.' })
  evaluations(@Root() c: CommunityLearningCenter, @Ctx() ctx: LearningContext): Promise<CenterEvaluation[]> {
    return ctx.loaders.centerEvaluations.load(c.id);
  }

  @Mutation(() => CommunityLearningCenter, {
    description:
      'Creates the centre of a commune (one per commune: a second is a CONFLICT naming the first). ADMIN, or an OFFICER in its area and above the commune.',
  })
  createCommunityLearningCenter(
    @Ctx() ctx: LearningContext,
    @Arg('areaId', () => ID) areaId: string,
    @Arg('name', () => String) name: string,
    @Arg('establishedOn', () => DateScalar, { nullable: true }) establishedOn?: string,
  ): Promise<CommunityLearningCenter> {
    return this.centers.create(ctx.caller, ctx.loaders, areaId, name, establishedOn ?? null);
  }

  @Mutation(() => CommunityLearningCenter, { description: 'Records the grade of a year (one per year; a second is a CONFLICT unless replace: true).' })
  evaluateCommunityLearningCenter(
    @Ctx() ctx: LearningContext,
    @Arg('id', () => ID) id: string,
    @Arg('year', () => Int) year: number,
    @Arg('grade', () => CenterGrade) grade: CenterGrade,
    @Arg('replace', () => Boolean, { defaultValue: false, description: 'Supersede the grade already recorded for that year.' }) replace: boolean,
  ): Promise<CommunityLearningCenter> {
    return this.centers.evaluate(ctx.caller, ctx.loaders, id, year, grade, replace);
  }
}
