import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AwardCategory } from '@khg/domain';
import { requireId } from '@khg/platform';
import type { FundraisingContext } from '../../context';
import { Fund } from '../funds/fund.entity';
import { Area, areaRef } from '../shared/stubs';
import { Award } from './award.entity';
import { GrantAwardInput } from './award.input';
import type { AwardService } from './award.service';

@Resolver(() => Award)
export class AwardResolver {
  constructor(private readonly service: AwardService) {}

  @Query(() => [Award], { description: 'Awards in the order they were given; by fund, year and/or category.' })
  awards(
    @Arg('fundId', () => ID, { nullable: true }) fundId?: string,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('category', () => AwardCategory, { nullable: true }) category?: AwardCategory,
  ): Promise<Award[]> {
    return this.service.list({ fundId, year, category });
  }

  @Query(() => [Award], { nullable: 'items', description: 'Awards by id, in the order asked (null where none exists).' })
  awardsByIds(@Ctx() ctx: FundraisingContext, @Arg('ids', () => [ID]) ids: string[]): Promise<(Award | null)[]> {
    return Promise.all(ids.map((id) => ctx.loaders.award.load(requireId('Award', id, 'ids'))));
  }

  @FieldResolver(() => Fund)
  async fund(@Root() a: Award, @Ctx() ctx: FundraisingContext): Promise<Fund> {
    return (await ctx.loaders.fund.load(a.fundId))!;
  }

  @FieldResolver(() => Area, { description: 'Where the recipient lives or studies.' })
  area(@Root() a: Award): Area {
    return areaRef(a.areaId);
  }

  @Mutation(() => Award, {
    description: 'Pays an award from a fund; refused (CONFLICT) when the fund’s balance is lower than the amount, also under concurrent requests.',
  })
  grantAward(@Ctx() ctx: FundraisingContext, @Arg('input', () => GrantAwardInput) input: GrantAwardInput): Promise<Award> {
    return this.service.grant(ctx.caller, input);
  }
}
