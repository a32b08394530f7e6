import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { InspectionStatus, Severity } from '@khg/domain';
import { DateScalar, DateTimeScalar, Key, Node } from '@khg/platform';

registerEnumType(InspectionStatus, {
  name: 'InspectionStatus',
  description: 'PLANNED → IN_PROGRESS → COMPLETED; CANCELLED from PLANNED or IN_PROGRESS.',
  valuesConfig: {
    PLANNED: { description: 'Đã lên kế hoạch' },
    IN_PROGRESS: { description: 'Đang kiểm tra: findings and recommendations are recorded now' },
    COMPLETED: { description: 'Đã hoàn thành' },
    CANCELLED: { description: 'Đã hủy' },
  },
});
registerEnumType(Severity, { name: 'Severity', description: 'How serious a finding (phát hiện) is.' });

@Entity({ name: 'inspections' })
@ObjectType({
  implements: Node,
  description: 'An inspection (đợt kiểm tra) of how policy documents are carried out, led by an organisation with departments as partners.',
})
@Key('id')
export class Inspection {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field()
  title: string;

  @Column({ name: 'lead_id', type: 'text' })
  leadId: string;

  /** the lead organisation and its ancestors at planning time: who may write on the inspection */
  @Column({ name: 'lead_ancestry', type: 'text', array: true })
  leadAncestry: string[];

  /** the lead organisation's area: where the inspection's events happen */
  @Column({ name: 'lead_area_id', type: 'text' })
  leadAreaId: string;

  @Column({ type: 'text', array: true })
  @Field(() => [String], { description: 'Departments taking part (cơ quan phối hợp), e.g. "Sở Giáo dục và Đào tạo".' })
  partners: string[];

  @Column({ name: 'subject_ids', type: 'text', array: true })
  subjectIds: string[];

  @Column({ name: 'starts_on', type: 'date' })
  @Field(() => DateScalar)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  endsOn: string | null;

  @Column({ type: 'text' })
  @Field(() => InspectionStatus)
  status: InspectionStatus;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day it was completed.' })
  completedOn: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancelReason: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

@Entity({ name: 'inspection_documents' })
export class InspectionDocument {
  @PrimaryColumn({ name: 'inspection_id', type: 'text' })
  inspectionId: string;

  @PrimaryColumn({ name: 'document_id', type: 'text' })
  documentId: string;

  @Column({ type: 'int' })
  position: number;
}

@Entity({ name: 'findings' })
@ObjectType({ description: 'What an inspection found (kết quả kiểm tra).' })
export class Finding {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'inspection_id', type: 'text' })
  inspectionId: string;

  @Column({ type: 'text' })
  @Field(() => Severity)
  severity: Severity;

  @Column({ type: 'text' })
  @Field()
  summary: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  @Field(() => DateTimeScalar)
  recordedAt: Date;
}
