import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Gender, MemberStatus } from '@khg/domain';
import { DateScalar, Key, Node, PageInfo } from '@khg/platform';
import { Organization } from '../organizations/organization.entity';

registerEnumType(MemberStatus, { name: 'MemberStatus', description: 'ACTIVE (đang sinh hoạt), LAPSED, RESIGNED (đã thôi), DECEASED (đã mất).' });
registerEnumType(Gender, { name: 'Gender' });

@Entity({ name: 'members' })
@ObjectType({ implements: Node, description: 'A member of the association (hội viên). Belongs to one organisation at a time.' })
@Key('id')
export class Member {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ name: 'full_name', type: 'text' })
  @Field({ description: 'Full name (họ và tên).' })
  fullName: string;

  /** the name folded for diacritic- and case-insensitive search */
  @Column({ name: 'search_name', type: 'text' })
  searchName: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => Gender, { nullable: true })
  gender: Gender | null;

  @Column({ name: 'birth_year', type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Personal data.' })
  birthYear: number | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Personal data.' })
  phone: string | null;

  @Column({ name: 'joined_on', type: 'date' })
  @Field(() => DateScalar, { description: 'Day of admission (ngày vào Hội).' })
  joinedOn: string;

  @Column({ type: 'text' })
  @Field(() => MemberStatus)
  status: MemberStatus;

  /** when the member's personal data was erased (erasePersonalData); the row stays for the figures */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
}

@Entity({ name: 'membership_periods' })
@ObjectType({ description: 'A time the member belonged to one organisation.' })
export class MembershipPeriod {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'member_id', type: 'text' })
  memberId: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Field(() => Organization)
  organization?: Organization;

  @Column({ name: 'from_date', type: 'date' })
  @Field(() => DateScalar)
  from: string;

  @Column({ name: 'to_date', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Last day (exclusive); null for the current organisation.' })
  to: string | null;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  reason: string | null;
}

@Entity({ name: 'member_status_changes' })
export class MemberStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'member_id', type: 'text' })
  memberId: string;

  @Column({ type: 'text' })
  status: MemberStatus;

  @Column({ name: 'changed_on', type: 'date' })
  changedOn: string;
}

@ObjectType()
export class MemberEdge {
  @Field()
  cursor: string;

  @Field(() => Member)
  node: Member;
}

@ObjectType({ description: 'A page of members.' })
export class MemberConnection {
  @Field(() => [MemberEdge])
  edges: MemberEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, {
    description:
      'Members matching the filters, all pages together. Exact unless `totalCountIsEstimate`: a name search counts at most 1,000 matches, then estimates.',
  })
  totalCount: number;

  @Field(() => Boolean, { description: 'true when `totalCount` is an estimate (a name search with more than 1,000 matches); false when it is exact.' })
  totalCountIsEstimate: boolean;
}
