import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Key, Node } from '@khg/platform';

@Entity({ name: 'community_learning_centers' })
@ObjectType({ implements: Node })
@Key('id')
export class CommunityLearningCenter {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field()
  name: string;
}
