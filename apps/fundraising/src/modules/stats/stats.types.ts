import { Field, Int, ObjectType } from 'type-graphql';
import { VndScalar } from '@khg/platform';

@ObjectType({ description: 'Fundraising of an area and everything below it in one year (kết quả vận động quỹ khuyến học).' })
export class FundraisingStats {
  @Field(() => VndScalar, { description: 'Donations (not voided) received that year by funds of organisations in this area and below.' })
  raised: bigint;

  @Field(() => VndScalar, { description: 'Awards paid that year by those funds.' })
  awarded: bigint;

  @Field(() => VndScalar, {
    nullable: true,
    description: 'raised ÷ population(year), rounded down (bình quân đồng/người); null when that year’s population is unknown.',
  })
  perCapita: bigint | null;

  @Field(() => VndScalar, {
    nullable: true,
    description: 'Target per inhabitant of the nearest campaign of that year at this area or above it; null when none set one.',
  })
  perCapitaTarget: bigint | null;

  @Field(() => Boolean, { nullable: true, description: 'perCapita ≥ perCapitaTarget; null when either is unknown.' })
  targetMet: boolean | null;

  @Field(() => Int, { nullable: true, description: 'The population the figures are divided by (membership’s figure for that year); null when unknown.' })
  population: number | null;

  @Field(() => VndScalar, { description: 'What those funds held at the end of the year (số dư cuối năm), from their ledgers.' })
  balance: bigint;

  @Field(() => VndScalar, {
    nullable: true,
    description: 'balance ÷ population(year), rounded down: the other reading of "50.000 đồng/người" in provincial reports.',
  })
  balancePerCapita: bigint | null;
}
