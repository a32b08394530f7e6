import { Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { AreaLevel } from '@khg/domain';
import { DateScalar } from '@khg/platform';

export enum AreaChangeKind {
  MERGE = 'MERGE',
  SPLIT = 'SPLIT',
  RENAME = 'RENAME',
  MOVE = 'MOVE',
  ABOLISH = 'ABOLISH',
}
registerEnumType(AreaChangeKind, {
  name: 'AreaChangeKind',
  valuesConfig: {
    MERGE: { description: 'Several units become one new unit (sáp nhập); their children move into it.' },
    SPLIT: { description: 'One unit becomes several new units (chia tách), each with its share of the population.' },
    RENAME: { description: 'A unit gets a new name and/or code: it closes and a successor opens; its children move to the successor.' },
    MOVE: { description: 'A unit keeps its identity and moves under another parent.' },
    ABOLISH: { description: 'Units close and their children move up to their parent (e.g. the district level in 2025).' },
  },
});

@InputType({ description: 'A unit a change opens.' })
export class NewAreaInput {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => AreaLevel)
  level: AreaLevel;

  @Field(() => ID, {
    nullable: true,
    description:
      'The unit it lies in. A unit closed by a MERGE or RENAME of the same plan stands for the unit that replaces it (e.g. the former province for the new one). Default: the common parent of the merged units.',
  })
  parentId?: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'SPLIT: the share (0..1] of the old unit’s population this part takes; the shares of one split add up to 1. A part whose code is opened by another change of the plan joins that unit instead of opening one.',
  })
  populationShare?: number | null;

  @Field(() => String, { nullable: true, description: 'Unit type in Vietnamese (xã, phường, tỉnh…).' })
  kind?: string | null;
}

@InputType({ description: 'One change of a reorganisation.' })
export class AreaChangeInput {
  @Field(() => AreaChangeKind)
  kind: AreaChangeKind;

  @Field(() => [ID], { description: 'MERGE: the units merged; SPLIT, RENAME, MOVE: one unit; ABOLISH: the units whose children move up.' })
  areaIds: string[];

  @Field(() => [NewAreaInput], { nullable: true, description: 'MERGE: the one new unit; SPLIT: the new units, each with its populationShare.' })
  into?: NewAreaInput[] | null;

  @Field(() => String, { nullable: true, description: 'RENAME: the new name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'RENAME: the new code.' })
  code?: string | null;

  @Field(() => ID, { nullable: true, description: 'MOVE: the new parent.' })
  parentId?: string | null;
}

@InputType({ description: 'A reorganisation decided by one act (quyết định / nghị quyết), applied whole on its effective date.' })
export class ReorganizeAreasInput {
  @Field({ description: 'Number of the decision, e.g. "1666/NQ-UBTVQH15".' })
  decisionNumber: string;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field(() => DateScalar, { description: 'First day of the new tree: closed units end the day before (validTo = effectiveOn, exclusive).' })
  effectiveOn: string;

  @Field(() => [AreaChangeInput])
  changes: AreaChangeInput[];
}
