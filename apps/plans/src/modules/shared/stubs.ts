import { Field, ID, ObjectType } from 'type-graphql';
import { Key } from '@khg/platform';

// Other subgraphs' entities as plans sees them: only their keys.

@ObjectType()
@Key('id', { resolvable: false })
export class Organization {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Key('id', { resolvable: false })
export class Area {
  @Field(() => ID)
  id: string;
}

/** Inspections' policy document: the signed plan (kind PLAN), when registered. */
@ObjectType()
@Key('id', { resolvable: false })
export class PolicyDocument {
  @Field(() => ID)
  id: string;
}

export const organizationRef = (id: string): Organization => Object.assign(new Organization(), { id });
export const areaRef = (id: string): Area => Object.assign(new Area(), { id });
export const policyDocumentRef = (id: string): PolicyDocument => Object.assign(new PolicyDocument(), { id });
