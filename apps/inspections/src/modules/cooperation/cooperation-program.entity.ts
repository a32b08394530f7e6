import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, Key, Node } from '@khg/platform';

@Entity({ name: 'cooperation_programs' })
@ObjectType({
  implements: Node,
  description: 'A cooperation programme (chương trình phối hợp) with a department of the science-education bloc (Khối Khoa giáo).',
})
@Key('id')
export class CooperationProgram {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field()
  title: string;

  @Column({ type: 'text' })
  @Field({ description: 'The partner department, e.g. "Sở Khoa học và Công nghệ".' })
  partner: string;

  @Column({ name: 'signed_on', type: 'date' })
  @Field(() => DateScalar)
  signedOn: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  validUntil: string | null;
}
