import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { External, Key } from '@khg/platform';
import { AreaYearAncestry } from '@khg/platform/membership-refs';

// Membership owns areas, organisations and members. These stubs carry only the key (and, for
// Area, the fields the roll-up needs from membership through @requires), so fundraising can point
// at them and extend them without reading membership's tables.

@ObjectType({ description: 'Population recorded for an area in one year (owned by membership).' })
export class AreaStatistic {
  @Field(() => Int)
  @External()
  year: number;

  @Field(() => Int)
  @External()
  population: number;
}

@ObjectType()
@Key('id')
export class Area {
  @Field(() => ID)
  id: string;

  /** from membership, only when a field that @requires it is asked for */
  @Field(() => [ID])
  @External()
  ancestorIds?: string[];

  @Field(() => [AreaStatistic])
  @External()
  statistics?: AreaStatistic[];

  /** from membership: the ancestry on each year's reference date (the tree of the year) */
  @Field(() => [AreaYearAncestry])
  @External()
  ancestryByYear?: AreaYearAncestry[];
}

@ObjectType()
@Key('id')
export class Organization {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Key('id', { resolvable: false })
export class Member {
  @Field(() => ID)
  id: string;
}

export const areaRef = (id: string): Area => Object.assign(new Area(), { id });
export const organizationRef = (id: string): Organization => Object.assign(new Organization(), { id });
export const memberRef = (id: string): Member => Object.assign(new Member(), { id });

/** Membership's record of everything held about a member; fundraising adds the donations made as that member. */
@ObjectType()
@Key('memberId')
export class PersonalData {
  @Field(() => ID)
  @Directive('@inaccessible')
  memberId: string;
}
