import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, VndScalar, bigintTransformer } from '@khg/platform';

@Entity({ name: 'fee_payments' })
@ObjectType({ description: 'A membership fee payment (hội phí): one per member per year.' })
export class FeePayment {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'member_id', type: 'text' })
  memberId: string;

  /** the organisation the member belonged to when paying: the fee stays counted there */
  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ type: 'int' })
  @Field(() => Int)
  year: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  @Field(() => VndScalar)
  amount: bigint;

  @Column({ name: 'paid_on', type: 'date' })
  @Field(() => DateScalar)
  paidOn: string;

  @Column({ name: 'receipt_number', type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  receiptNumber: string | null;
}
