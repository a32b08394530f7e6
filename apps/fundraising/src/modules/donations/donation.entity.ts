import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DonationMethod } from '@khg/domain';
import { DateScalar, DateTimeScalar, Key, Node, VndScalar, bigintTransformer } from '@khg/platform';

registerEnumType(DonationMethod, {
  name: 'DonationMethod',
  valuesConfig: {
    CASH: { description: 'Tiền mặt' },
    BANK_TRANSFER: { description: 'Chuyển khoản' },
    IN_KIND: { description: 'Hiện vật, at its agreed value in dong' },
  },
});

/** Who gave: a person's name is personal data; an organisation's (a company, a school) is not. */
export enum DonorKind {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
}
registerEnumType(DonorKind, {
  name: 'DonorKind',
  valuesConfig: {
    PERSON: { description: 'A person: the name is personal data (masked for analysts and departments).' },
    ORGANIZATION: { description: 'A company, school or other body: the name is shown to every reader.' },
  },
});

@Entity({ name: 'donations' })
@ObjectType({ implements: Node, description: 'A donation to a fund (khoản ủng hộ). Never deleted or edited: a mistaken one is voided with a reason.' })
@Key('id')
export class Donation {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'fund_id', type: 'text' })
  fundId: string;

  @Column({ name: 'campaign_id', type: 'text', nullable: true })
  campaignId: string | null;

  @Column({ name: 'donor_name', type: 'text' })
  @Field({ description: 'Donor (người / đơn vị ủng hộ).' })
  donorName: string;

  @Column({ name: 'donor_member_id', type: 'text', nullable: true })
  donorMemberId: string | null;

  @Column({ name: 'donor_kind', type: 'text', default: DonorKind.PERSON })
  @Field(() => DonorKind, { description: 'A person or an organisation; recorded as PERSON unless said otherwise.' })
  donorKind: DonorKind;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  @Field(() => VndScalar)
  amount: bigint;

  @Column({ name: 'received_on', type: 'date' })
  @Field(() => DateScalar)
  receivedOn: string;

  @Column({ type: 'text' })
  @Field(() => DonationMethod)
  method: DonationMethod;

  @Column({ name: 'receipt_seq', type: 'int' })
  receiptSeq: number;

  @Column({ name: 'receipt_number', type: 'text' })
  @Field({ description: 'Receipt number (số phiếu thu), issued by the platform: unique within the fund, without gaps.' })
  receiptNumber: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ type: 'boolean' })
  @Field({ description: 'True once voided: the amount no longer counts, a compensating ledger entry records it.' })
  voided: boolean;

  @Column({ name: 'void_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was voided.' })
  voidReason: string | null;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  @Field(() => DateTimeScalar, { nullable: true })
  voidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  createdAt: Date;
}
