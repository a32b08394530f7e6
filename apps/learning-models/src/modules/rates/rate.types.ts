import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LearningModelKind } from '@khg/domain';
import { Area } from '../shared/stubs';

@ObjectType({
  description: 'Where an area stands for one kind of learning model in a year (tỷ lệ đạt chuẩn), rolled up over the area and every area below it.',
})
export class LearningModelRate {
  @Field(() => Area)
  area: Area;

  @Field(() => Int)
  year: number;

  @Field(() => LearningModelKind)
  kind: LearningModelKind;

  @Field(() => Int, {
    description:
      'Denominator: families / clans / villages / units in the area and below that year (the counts recorded for each area, added up); 0 when none is recorded.',
  })
  eligible: number;

  @Field(() => Int, { description: 'Entries registered that year (đăng ký), whatever their status now.' })
  registered: number;

  @Field(() => Int, { description: 'Entries recognised (được công nhận).' })
  recognized: number;

  @Field(() => Int, { description: 'Entries decided as not recognised.' })
  notRecognized: number;

  @Field(() => Int, { description: 'Entries registered and not yet decided.' })
  pending: number;

  @Field(() => Float, { description: 'recognized ÷ eligible, 0..1 (capped at 1 if the recorded eligible count is too low); 0 when eligible is 0 (unknown).' })
  rate: number;

  @Field(() => Float, { description: 'recognized ÷ registered, 0..1 (the rate "against those registered" of provincial reports); 0 when none registered.' })
  registeredRate: number;

  @Field(() => Float, {
    nullable: true,
    description: 'The target share, 0..1 (e.g. 0.40 for FAMILY in 2018): the area’s own, else the nearest ancestor’s; null when none is set.',
  })
  target: number | null;

  @Field(() => ID, { nullable: true, description: 'The area whose target applies (this area or the nearest ancestor with one).' })
  targetAreaId: string | null;

  @Field(() => Boolean, { nullable: true, description: 'rate ≥ target; null when there is no target or eligible is 0 (unknown).' })
  targetMet: boolean | null;
}
