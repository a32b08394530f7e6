import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { External, Key } from './federation';

// Membership's types as the subgraphs that extend them see them: the key and the @external fields
// their @requires read. Kept out of the package's index so membership, which owns the real types
// under the same names, never loads these.

@ObjectType({ description: 'Where an area lay in one year (owned by membership).' })
export class AreaYearAncestry {
  @Field(() => Int)
  @External()
  year: number;

  @Field(() => [ID])
  @External()
  ancestorIds: string[];
}

/** Membership's ComparableYear: its sources (units and shares) come through @requires. */
@ObjectType()
@Key('id')
export class ComparableYear {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  @External()
  year?: number;

  @Field(() => [ID])
  @External()
  sourceAreaIds?: string[];

  @Field(() => [Float])
  @External()
  sourceShares?: number[];
}
