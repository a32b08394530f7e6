import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { CardStatus } from '@khg/domain';
import { DateScalar } from '@khg/platform';

registerEnumType(CardStatus, { name: 'CardStatus' });

@Entity({ name: 'member_cards' })
@ObjectType({ description: 'A member card (thẻ hội viên); its number is unique province-wide and never reused.' })
export class MemberCard {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'member_id', type: 'text' })
  memberId: string;

  @Column({ type: 'text' })
  @Field()
  number: string;

  @Column({ name: 'issued_on', type: 'date' })
  @Field(() => DateScalar)
  issuedOn: string;

  @Column({ type: 'text' })
  @Field(() => CardStatus)
  status: CardStatus;

  @Column({ name: 'retired_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  retiredOn: string | null;
}
