import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, Key, Node } from '@khg/platform';
import type { PlanMetric } from '@khg/domain';

/** A task as stored: its indicators name a metric and an optional target. */
export interface StoredTask {
  number: number;
  title: string;
  indicators: { metric: PlanMetric; target: number | null }[];
}

@Entity({ name: 'work_plans' })
@ObjectType({
  implements: Node,
  description:
    'A yearly work plan (kế hoạch công tác năm) of an organisation: tasks with indicators whose actual values come live from the subgraph that owns each figure.',
})
@Key('id')
export class WorkPlan {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  organizationId: string;

  @Column({ type: 'int' })
  @Field(() => Int)
  year: number;

  @Column({ type: 'text' })
  @Field({ description: 'Trích yếu, e.g. "Kế hoạch công tác năm 2018".' })
  title: string;

  @Column({ name: 'document_id', type: 'text', nullable: true })
  documentId: string | null;

  @Column({ type: 'jsonb' })
  tasks: StoredTask[];

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'How many times it was revised since adoption (0: as adopted).' })
  revisions: number;

  @Column({ name: 'adopted_by', type: 'text' })
  adoptedBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  @Field(() => DateTimeScalar, { description: 'When it was adopted.' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

@Entity({ name: 'work_plan_revisions' })
@ObjectType({ description: 'One revision of a work plan: why, by whom, and what it replaced.' })
export class WorkPlanRevision {
  @PrimaryColumn({ name: 'plan_id', type: 'text' })
  planId: string;

  @PrimaryColumn({ type: 'int' })
  @Field(() => Int)
  revision: number;

  @Column({ type: 'text' })
  @Field({ description: 'Lý do điều chỉnh.' })
  reason: string;

  @Column({ name: 'previous_title', type: 'text' })
  @Field()
  previousTitle: string;

  @Column({ name: 'previous_document_id', type: 'text', nullable: true })
  previousDocumentId: string | null;

  @Column({ name: 'previous_tasks', type: 'jsonb' })
  previousTasks: StoredTask[];

  @Column({ name: 'revised_by', type: 'text' })
  @Field()
  revisedBy: string;

  @Column({ name: 'revised_at', type: 'timestamptz', default: () => 'now()' })
  @Field(() => DateTimeScalar)
  revisedAt: Date;
}
