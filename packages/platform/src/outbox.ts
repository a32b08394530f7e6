import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type EntityManager } from 'typeorm';
import type { DomainEventInput } from '@khg/domain';
import type { Caller } from './auth';

/**
 * The transactional outbox: a domain change and its event commit together, so an event exists
 * exactly when its change does. `seq` orders the subgraph's events; the relay delivers them (read
 * through logical replication in commit order, or by polling: apps/gateway/src/events).
 * Every subgraph has this table in its own schema.
 */
@Entity({ name: 'outbox_events' })
@Index(['occurredAt'])
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Column({ name: 'area_id', type: 'text', nullable: true })
  areaId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  payload: Record<string, string | number | boolean | null>;

  /** who did it: subject and role (audit), never a token */
  @Column({ type: 'jsonb' })
  actor: { sub: string; role: string; orgId?: string };

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}

/** The SQL every subgraph's first migration runs to create its outbox. */
export const OUTBOX_TABLE_SQL = `
CREATE TABLE outbox_events (
  seq bigserial PRIMARY KEY,
  type text NOT NULL,
  subject_id text NOT NULL,
  area_id text,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  -- the writing transaction: the relay reads only rows of transactions older than every running one,
  -- so a late commit with a lower seq is never skipped
  txid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX outbox_events_occurred_at ON outbox_events (occurred_at);
CREATE INDEX outbox_events_txid ON outbox_events (txid, seq);
`;

/** The audit queries' indexes on an outbox (by entity, by actor). */
export const OUTBOX_AUDIT_INDEXES_SQL = `
CREATE INDEX IF NOT EXISTS outbox_events_subject ON outbox_events (subject_id, seq);
CREATE INDEX IF NOT EXISTS outbox_events_actor ON outbox_events ((actor->>'sub'), seq);
`;

/** A new subgraph's first migration runs this: its outbox, with the audit queries' indexes. */
export const OUTBOX_SQL = OUTBOX_TABLE_SQL + OUTBOX_AUDIT_INDEXES_SQL;

export type OutboxListener = (em: EntityManager, events: DomainEventInput[]) => Promise<void> | void;

/** One subgraph's outbox. */
export class Outbox {
  private readonly listeners: OutboxListener[] = [];

  /** `schema`: the subgraph's Postgres schema, where its outbox table lives */
  constructor(readonly schema: string) {}

  /**
   * Runs `listener` inside the change's transaction whenever this process appends events:
   * projections (maintained aggregates) update in the same transaction, and in-process caches
   * forget what the write may have changed (a rolled-back write only costs a miss).
   */
  onAppend(listener: OutboxListener): void {
    this.listeners.push(listener);
  }

  /**
   * Appends events inside the change's transaction. Nothing else: the relay hears the commit through
   * logical replication (a NOTIFY here would take a lock every committing writer queues on).
   */
  async append(em: EntityManager, caller: Caller, ...events: DomainEventInput[]): Promise<void> {
    if (events.length === 0) return;
    if (!em.queryRunner?.isTransactionActive) throw new Error('Outbox.append must run inside the transaction of the change');
    const actor = { sub: caller.sub, role: caller.role, ...(caller.orgId ? { orgId: caller.orgId } : {}) };
    await em
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values(
        events.map((e) => ({
          type: e.type,
          subjectId: e.subjectId,
          areaId: e.areaId ?? null,
          payload: (e.payload ?? {}) as OutboxEvent['payload'],
          actor,
        })) as never,
      )
      .execute();
    for (const l of this.listeners) await l(em, events);
  }

  /**
   * A bulk write's events: inserted a few thousand a statement, then the projections run ONCE for
   * all of them. Appending chunk by chunk made membership recompute the same organisations' figures
   * once per chunk of an import (20 times for 100,000 members of one branch).
   */
  async appendMany(em: EntityManager, caller: Caller, events: readonly DomainEventInput[]): Promise<void> {
    if (events.length === 0) return;
    if (!em.queryRunner?.isTransactionActive) throw new Error('Outbox.appendMany must run inside the transaction of the change');
    const actor = JSON.stringify({ sub: caller.sub, role: caller.role, ...(caller.orgId ? { orgId: caller.orgId } : {}) });
    for (let from = 0; from < events.length; from += APPEND_CHUNK) {
      const chunk = events.slice(from, from + APPEND_CHUNK);
      await em.query(
        `INSERT INTO outbox_events (type, subject_id, area_id, payload, actor)
         SELECT x.type, x.subject_id, x.area_id, x.payload::jsonb, $5::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(type, subject_id, area_id, payload)`,
        [chunk.map((e) => e.type), chunk.map((e) => e.subjectId), chunk.map((e) => e.areaId ?? null), chunk.map((e) => JSON.stringify(e.payload ?? {})), actor],
      );
    }
    for (const l of this.listeners) await l(em, [...events]);
  }
}

/** Events per INSERT of appendMany: bounded parameter arrays. */
const APPEND_CHUNK = 10_000;
