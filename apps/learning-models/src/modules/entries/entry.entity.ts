import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LearningModelKind, LearningModelStatus } from '@khg/domain';
import { DateScalar, DateTimeScalar, Key, Node } from '@khg/platform';

registerEnumType(LearningModelKind, {
  name: 'LearningModelKind',
  description: 'Kind of learning model (mô hình học tập).',
  valuesConfig: {
    FAMILY: { description: 'Gia đình học tập: a household, assessed in its village' },
    CLAN: { description: 'Dòng họ học tập: a clan' },
    COMMUNITY: { description: 'Cộng đồng học tập: a village or residential group (or a commune, Circular 44)' },
    UNIT: { description: 'Đơn vị học tập: an agency, school, enterprise or armed-forces unit' },
  },
});
registerEnumType(LearningModelStatus, {
  name: 'LearningModelStatus',
  valuesConfig: {
    REGISTERED: { description: 'Đăng ký: a candidate, not yet decided' },
    RECOGNIZED: { description: 'Được công nhận by decision' },
    NOT_RECOGNIZED: { description: 'Không được công nhận' },
  },
});

@Entity({ name: 'learning_model_entries' })
@ObjectType({
  implements: Node,
  description: 'A family, clan, community or unit registered for recognition as a learning one in a year (đăng ký mô hình học tập).',
})
@Key('id')
export class LearningModelEntry {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field(() => LearningModelKind)
  kind: LearningModelKind;

  @Column({ type: 'text' })
  @Field({ description: 'Head of family, clan name, village name or unit name.' })
  name: string;

  @Column({ name: 'area_id', type: 'text' })
  areaId: string;

  /** area ids from the province down to the entry's area, as when it was registered */
  @Column({ name: 'area_ancestry', type: 'text', array: true })
  areaAncestry: string[];

  @Column({ type: 'int' })
  @Field(() => Int)
  year: number;

  @Column({ type: 'text' })
  @Field(() => LearningModelStatus)
  status: LearningModelStatus;

  @Column({ name: 'decision_number', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Số quyết định công nhận (current decision, after any correction).' })
  decisionNumber: string | null;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  decidedOn: string | null;

  @Column({ name: 'criteria_code', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The criteria set the decision applied (e.g. "448/QĐ-KHVN"), since criteria change over the years.' })
  criteriaCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  @Field(() => DateTimeScalar, { description: 'When the entry was registered on the platform.' })
  createdAt: Date;
}

@Entity({ name: 'learning_model_decisions' })
@ObjectType({ description: 'A decision on an entry, or a logged correction of one (quyết định công nhận / điều chỉnh).' })
export class LearningModelDecision {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'entry_id', type: 'text' })
  entryId: string;

  @Column({ type: 'text' })
  @Field(() => LearningModelStatus, { description: 'The status the decision set.' })
  status: LearningModelStatus;

  @Column({ name: 'previous_status', type: 'text' })
  @Field(() => LearningModelStatus)
  previousStatus: LearningModelStatus;

  @Column({ name: 'decision_number', type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  decisionNumber: string | null;

  @Column({ name: 'decided_on', type: 'date' })
  @Field(() => DateScalar)
  decidedOn: string;

  @Column({ name: 'criteria_code', type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  criteriaCode: string | null;

  @Column({ type: 'boolean' })
  @Field({ description: 'True for a correction of an earlier decision.' })
  correction: boolean;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the decision was corrected.' })
  reason: string | null;

  @Column({ name: 'actor_sub', type: 'text' })
  actorSub: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  @Field(() => DateTimeScalar)
  recordedAt: Date;
}
