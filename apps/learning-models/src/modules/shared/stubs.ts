import { Field, ID, ObjectType } from 'type-graphql';
import { External, Key } from '@khg/platform';
import { AreaYearAncestry } from '@khg/platform/membership-refs';

/**
 * Membership's Area, as this subgraph sees it. The key is resolvable because this subgraph adds
 * `Area.learningModels`; `ancestorIds` comes from membership (`@requires`) so target inheritance
 * needs no call back to membership.
 */
@ObjectType()
@Key('id')
export class Area {
  @Field(() => ID)
  id: string;

  @Field(() => [ID])
  @External()
  ancestorIds?: string[];

  @Field(() => [AreaYearAncestry])
  @External()
  ancestryByYear?: AreaYearAncestry[];
}

/** Membership's Organization: only referenced (organiser of a training course). */
@ObjectType()
@Key('id', { resolvable: false })
export class Organization {
  @Field(() => ID)
  id: string;
}

export const areaRef = (id: string): Area => Object.assign(new Area(), { id });
export const organizationRef = (id: string): Organization => Object.assign(new Organization(), { id });
