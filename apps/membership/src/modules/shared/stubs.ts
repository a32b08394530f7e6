import { Field, ID, ObjectType } from 'type-graphql';
import { Key, Node } from '@khg/platform';

// Entities owned by other subgraphs, known here only by their key so `node(id)` can name them;
// the gateway fetches their fields from the owner.
function stub(name: string) {
  @ObjectType(name, { implements: Node })
  @Key('id', { resolvable: false })
  class Stub {
    @Field(() => ID)
    id: string;
  }
  return Stub;
}

export const FOREIGN_NODE_TYPES = [
  'Fund',
  'Campaign',
  'Donation',
  'Award',
  'LearningModelEntry',
  'CommunityLearningCenter',
  'TrainingCourse',
  'PolicyDocument',
  'Inspection',
  'CooperationProgram',
  'OutreachActivity',
] as const;

export const foreignNodeStubs = FOREIGN_NODE_TYPES.map(stub);
