import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OutreachChannel } from '@khg/domain';
import { DateScalar, Key, Node } from '@khg/platform';

registerEnumType(OutreachChannel, {
  name: 'OutreachChannel',
  valuesConfig: {
    MEETING: { description: 'Hội nghị, họp quán triệt' },
    MEDIA: { description: 'Báo, đài, mạng' },
    PUBLICATION: { description: 'Tài liệu, ấn phẩm' },
    TRAINING: { description: 'Tập huấn' },
    OTHER: { description: 'Hình thức khác' },
  },
});

@Entity({ name: 'outreach_activities' })
@ObjectType({
  implements: Node,
  description: 'An activity spreading policy documents (tuyên truyền, quán triệt): a meeting, media, a publication, a training.',
})
@Key('id')
export class OutreachActivity {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  /** the organisation's area: where the activity's event happens */
  @Column({ name: 'area_id', type: 'text' })
  areaId: string;

  @Column({ type: 'text' })
  @Field(() => OutreachChannel)
  channel: OutreachChannel;

  @Column({ name: 'held_on', type: 'date' })
  @Field(() => DateScalar)
  heldOn: string;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'People reached (lượt người).' })
  audience: number;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What was done, in a sentence.' })
  summary: string | null;
}

@Entity({ name: 'outreach_documents' })
export class OutreachDocument {
  @PrimaryColumn({ name: 'activity_id', type: 'text' })
  activityId: string;

  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId: string;

  @Column({ type: 'int' })
  position: number;
}
