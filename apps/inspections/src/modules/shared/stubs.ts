import { Field, ID, ObjectType } from 'type-graphql';
import { Key } from '@khg/platform';

/**
 * Membership's organisation, seen from here: only its key. The key is resolvable so the gateway
 * can come here for the fields this subgraph adds (`openRecommendations`).
 */
@ObjectType({ description: 'An organisation of the association (tổ chức Hội); owned by membership.' })
@Key('id')
export class Organization {
  @Field(() => ID)
  id: string;
}

/** The reference the graph resolves through membership. */
export const organizationRef = (id: string): Organization => ({ id });
