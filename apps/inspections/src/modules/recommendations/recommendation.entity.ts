import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { RecommendationStatus } from '@khg/domain';
import { DateScalar, DateTimeScalar } from '@khg/platform';

registerEnumType(RecommendationStatus, {
  name: 'RecommendationStatus',
  valuesConfig: { OPEN: { description: 'Chưa thực hiện' }, DONE: { description: 'Đã thực hiện' } },
});

@Entity({ name: 'recommendations' })
@ObjectType({ description: 'A recommendation (kiến nghị) of an inspection, addressed to the organisation responsible for it; OPEN until resolved.' })
export class Recommendation {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'inspection_id', type: 'text' })
  inspectionId: string;

  @Column({ type: 'text' })
  @Field()
  text: string;

  @Column({ name: 'responsible_id', type: 'text' })
  responsibleId: string;

  /** the responsible organisation and its ancestors: its officers may resolve the recommendation */
  @Column({ name: 'responsible_ancestry', type: 'text', array: true })
  responsibleAncestry: string[];

  @Column({ name: 'responsible_area_id', type: 'text' })
  responsibleAreaId: string;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  dueOn: string | null;

  @Column({ type: 'text' })
  @Field(() => RecommendationStatus)
  status: RecommendationStatus;

  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day it was resolved (DONE).' })
  resolvedOn: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  @Field(() => DateTimeScalar)
  createdAt: Date;
}
