import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, Key, Node } from '@khg/platform';

@Entity({ name: 'training_courses' })
@ObjectType({ implements: Node, description: 'A course training association cadres on lifelong learning for adults (tập huấn cán bộ Hội, task 7).' })
@Key('id')
export class TrainingCourse {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field()
  title: string;

  @Column({ name: 'organizer_id', type: 'text' })
  organizerId: string;

  /** organisation ids from the root down to the organiser, for subtree filters */
  @Column({ name: 'organizer_ancestry', type: 'text', array: true })
  organizerAncestry: string[];

  /** the organiser's area, for the event's area */
  @Column({ name: 'area_id', type: 'text' })
  areaId: string;

  @Column({ name: 'held_on', type: 'date' })
  @Field(() => DateScalar)
  heldOn: string;

  @Column({ type: 'int' })
  @Field(() => Int)
  participants: number;
}
