import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ComparableYear } from '@khg/platform/membership-refs';
import { Requires, VndScalar } from '@khg/platform';
import type { FundraisingContext } from '../../context';

const SHARE_SCALE = 100_000_000n;

@Resolver(() => ComparableYear)
export class ComparableYearFundraisingResolver {
  @FieldResolver(() => VndScalar, {
    nullable: true,
    description:
      'Donations received that year under the units it came from (each unit’s funds and everything below it, as recorded then), times the share of the unit that went into it, rounded down; null when it came from no unit that year.',
  })
  @Requires('year sourceAreaIds sourceShares')
  async raised(@Root() cy: ComparableYear, @Ctx() ctx: FundraisingContext): Promise<bigint | null> {
    const sources = cy.sourceAreaIds ?? [];
    if (!sources.length || cy.year === undefined) return null;
    const totals = await Promise.all(sources.map((areaId) => ctx.loaders.areaTotals.load({ areaId, year: cy.year!, ancestry: [areaId] })));
    let sum = 0n;
    totals.forEach((t, i) => {
      const share = BigInt(Math.round((cy.sourceShares?.[i] ?? 1) * Number(SHARE_SCALE)));
      sum += ((t?.raised ?? 0n) * share) / SHARE_SCALE;
    });
    return sum;
  }
}
