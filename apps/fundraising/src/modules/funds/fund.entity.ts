import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Key, Node, VndScalar, bigintTransformer } from '@khg/platform';

@Entity({ name: 'funds' })
@ObjectType({ implements: Node, description: 'A Study Promotion Fund (Quỹ khuyến học) kept by one organisation.' })
@Key('id')
export class Fund {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field({ description: 'Name of the fund (tên quỹ).' })
  name: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  /** the organisation's area when the fund was opened */
  @Column({ name: 'area_id', type: 'text' })
  areaId: string;

  /** area ids from the province down to `areaId`: what area roll-ups match on (GIN index) */
  @Column({ name: 'area_ancestry', type: 'text', array: true })
  areaAncestry: string[];

  @Column({ type: 'bigint', transformer: bigintTransformer })
  @Field(() => VndScalar, { description: 'Donations received minus voids and awards paid (số dư), from the ledger.' })
  balance: bigint;

  /** receipts issued so far: the next donation gets this + 1, under the fund's row lock */
  @Column({ name: 'receipts_issued', type: 'int' })
  receiptsIssued: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export enum LedgerKind {
  DONATION = 'DONATION',
  VOID = 'VOID',
  AWARD = 'AWARD',
  TRANSFER_IN = 'TRANSFER_IN',
  TRANSFER_OUT = 'TRANSFER_OUT',
}

/** One movement of money in a fund: append-only (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'ledger_entries' })
export class LedgerEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'fund_id', type: 'text' })
  fundId: string;

  @Column({ type: 'text' })
  kind: LedgerKind;

  /** signed: money in is positive, money out negative */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  amount: bigint;

  /** the day the money moved (a void takes its donation's day, since the donation never happened) */
  @Column({ name: 'entry_on', type: 'date' })
  entryOn: string;

  @Column({ name: 'donation_id', type: 'text', nullable: true })
  donationId: string | null;

  @Column({ name: 'award_id', type: 'text', nullable: true })
  awardId: string | null;

  /** the fund transfer this entry is one side of (TRANSFER_IN / TRANSFER_OUT only) */
  @Column({ name: 'transfer_id', type: 'text', nullable: true })
  transferId?: string | null;
}
