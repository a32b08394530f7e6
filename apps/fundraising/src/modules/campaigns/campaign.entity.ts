import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Key, Node, VndScalar, bigintTransformer } from '@khg/platform';

@Entity({ name: 'campaigns' })
@ObjectType({ implements: Node, description: 'A fundraising campaign (đợt vận động) of a fund for one year.' })
@Key('id')
export class Campaign {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'fund_id', type: 'text' })
  fundId: string;

  @Column({ type: 'text' })
  @Field()
  name: string;

  @Column({ type: 'int' })
  @Field(() => Int)
  year: number;

  @Column({ name: 'per_capita_target', type: 'bigint', nullable: true, transformer: bigintTransformer })
  @Field(() => VndScalar, {
    nullable: true,
    description: 'Target per inhabitant, e.g. 50000 for "bình quân 50.000 đồng/người"; applies to the fund’s area and below.',
  })
  perCapitaTarget: bigint | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
