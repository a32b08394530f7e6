import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, Key } from '@khg/platform';
import { Area } from '../areas/area.entity';

@Entity({ name: 'area_reorganizations' })
@ObjectType({ description: 'A reorganisation of administrative units, applied whole on its effective date.' })
export class AreaReorganization {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'decision_number', type: 'text' })
  @Field()
  decisionNumber: string;

  @Column({ name: 'decided_on', type: 'date' })
  @Field(() => DateScalar)
  decidedOn: string;

  @Column({ name: 'effective_on', type: 'date' })
  @Field(() => DateScalar)
  effectiveOn: string;

  @Column({ type: 'jsonb' })
  changes: object;

  @Column({ name: 'opened_ids', type: 'text', array: true })
  openedIds: string[];

  @Column({ name: 'closed_ids', type: 'text', array: true })
  closedIds: string[];

  @Column({ name: 'moved_ids', type: 'text', array: true })
  movedIds: string[];

  @Field(() => [Area], { description: 'Units it opened.' })
  opened?: Area[];

  @Field(() => [Area], { description: 'Units it closed (validTo = effectiveOn).' })
  closed?: Area[];

  @Field(() => [Area], { description: 'Units that kept their identity and changed parent.' })
  moved?: Area[];
}

/**
 * One year of a current unit's comparable series. Membership answers the population; fundraising
 * and learning-models resolve `raised` and `learningModels` from the sources (the units valid that
 * year that the unit came from, with the share of each that it took), which they receive through
 * `@requires`.
 */
@ObjectType({ description: 'A year of a unit’s figures over the units it came from (sums over merged units, population shares of split ones).' })
@Key('id')
export class ComparableYear {
  @Field(() => ID, { description: '"<areaId>:<year>"' })
  id: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true, description: 'Σ share × population of the sources that year, rounded; null when none of them recorded one.' })
  population: number | null;

  @Field(() => [ID], { description: 'The units valid on that year’s reference date (31 December, today for the current year) it came from.' })
  sourceAreaIds: string[];

  @Field(() => [Float], { description: 'For each source, the share of it that went into this unit (1 for a merge).' })
  sourceShares: number[];
}
