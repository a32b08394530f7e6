import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CenterGrade } from '@khg/domain';
import { DateScalar, Key, Node } from '@khg/platform';

registerEnumType(CenterGrade, {
  name: 'CenterGrade',
  description: 'Yearly evaluation of a Community Learning Centre (Circular 44): xuất sắc, tốt, trung bình, chưa đạt.',
});

@Entity({ name: 'community_learning_centers' })
@ObjectType({ implements: Node, description: 'A Community Learning Centre (Trung tâm học tập cộng đồng), one per commune.' })
@Key('id')
export class CommunityLearningCenter {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field()
  name: string;

  @Column({ name: 'area_id', type: 'text' })
  areaId: string;

  @Column({ name: 'area_ancestry', type: 'text', array: true })
  areaAncestry: string[];

  @Column({ name: 'established_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Ngày thành lập.' })
  establishedOn: string | null;
}

@Entity({ name: 'center_evaluations' })
@ObjectType({ description: 'The grade a centre received for a year.' })
export class CenterEvaluation {
  @PrimaryColumn({ name: 'center_id', type: 'text' })
  centerId: string;

  @PrimaryColumn({ type: 'int' })
  @Field(() => Int)
  year: number;

  @Column({ type: 'text' })
  @Field(() => CenterGrade)
  grade: CenterGrade;
}
