import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CharterOrderStatus } from '@khg/domain';
import { DateScalar } from '@khg/platform';

registerEnumType(CharterOrderStatus, { name: 'CharterOrderStatus' });

@Entity({ name: 'charter_orders' })
@ObjectType({ description: 'An order of Charter booklets (Điều lệ Hội) by an organisation.' })
export class CharterOrder {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ type: 'int' })
  @Field(() => Int)
  quantity: number;

  @Column({ name: 'ordered_on', type: 'date' })
  @Field(() => DateScalar)
  orderedOn: string;

  @Column({ type: 'text' })
  @Field(() => CharterOrderStatus)
  status: CharterOrderStatus;
}
