import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AwardCategory } from '@khg/domain';
import { DateScalar, Key, Node, VndScalar, bigintTransformer } from '@khg/platform';

registerEnumType(AwardCategory, {
  name: 'AwardCategory',
  valuesConfig: {
    POOR_STUDENT_EXCELLENCE: { description: 'Học sinh nghèo vượt khó học giỏi' },
    EXCELLENT_STUDENT: { description: 'Học sinh, sinh viên giỏi' },
    LIFELONG_LEARNER: { description: 'Người lớn có thành tích học tập suốt đời' },
    TEACHER: { description: 'Thầy cô giáo' },
  },
});

@Entity({ name: 'awards' })
@ObjectType({ implements: Node, description: 'An award paid from a fund (khen thưởng, học bổng).' })
@Key('id')
export class Award {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'fund_id', type: 'text' })
  fundId: string;

  @Column({ type: 'text' })
  @Field(() => AwardCategory)
  category: AwardCategory;

  @Column({ name: 'recipient_name', type: 'text' })
  @Field({ description: 'Recipient (người nhận).' })
  recipientName: string;

  @Column({ name: 'area_id', type: 'text' })
  areaId: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  @Field(() => VndScalar)
  amount: bigint;

  @Column({ name: 'awarded_on', type: 'date' })
  @Field(() => DateScalar)
  awardedOn: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
