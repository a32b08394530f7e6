import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import type { RequestContext } from './context';
import { requireAdmin } from './context';
import { badInput } from './errors';
import { OUTBOX_AUDIT_INDEXES_SQL } from './outbox';
import { Shareable } from './federation';
import { DateTimeScalar } from './scalars';

/**
 * The audit trail is the outbox: every mutation appends its event(s) with the actor (subject,
 * role, organisation) in the transaction of the change, so an entry exists exactly when the change
 * committed, and outbox rows are never deleted. Each subgraph answers for its own writes under its
 * own root field (`<service>AuditTrail`); the gateway composes them.
 */
@ObjectType({ description: 'One audited change: who, when, what (ADMIN only).' })
@Shareable()
export class AuditEntry {
  @Field({ description: 'The service that made the change.' })
  service: string;

  @Field({ description: 'Its order within that service.' })
  seq: string;

  @Field({ description: 'What happened (the event type), e.g. MEMBER_ADMITTED.' })
  type: string;

  @Field(() => ID, { description: 'The entity changed.' })
  entityId: string;

  @Field(() => ID, { nullable: true })
  areaId: string | null;

  @Field({ description: 'Token subject of whoever made the change.' })
  actorSub: string;

  @Field()
  actorRole: string;

  @Field(() => ID, { nullable: true, description: 'The organisation an OFFICER acted for.' })
  actorOrgId: string | null;

  @Field(() => DateTimeScalar)
  at: Date;

  @Field({ description: 'What changed: the event payload as JSON (never personal data such as phone numbers).' })
  changes: string;
}

interface Row {
  seq: string;
  type: string;
  subject_id: string;
  area_id: string | null;
  payload: unknown;
  actor: { sub: string; role: string; orgId?: string };
  occurred_at: Date;
}

/** The root field name a service's audit trail has in the supergraph. */
export const auditFieldName = (service: string) => `${service.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}AuditTrail`;

/** Builds the resolver class of one service's audit trail (one per process). */
export function auditResolverFor(service: string) {
  @Resolver()
  class AuditResolver {
    constructor(readonly ds?: DataSource) {}

    @Query(() => [AuditEntry], {
      name: auditFieldName(service),
      description: `Changes made through ${service}, newest first: by entity, actor (token subject) and time (ADMIN only).`,
    })
    async trail(
      @Ctx() ctx: RequestContext,
      @Arg('entityId', () => ID, { nullable: true }) entityId?: string,
      @Arg('actor', () => String, { nullable: true, description: 'token subject' }) actor?: string,
      @Arg('from', () => DateTimeScalar, { nullable: true }) from?: Date,
      @Arg('to', () => DateTimeScalar, { nullable: true, description: 'exclusive' }) to?: Date,
      @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first?: number,
    ): Promise<AuditEntry[]> {
      requireAdmin(ctx.caller, 'Reading the audit trail');
      const limit = first ?? 100;
      if (limit < 1 || limit > 500) throw badInput('first must be between 1 and 500');
      const rows = (await this.ds!.query(
        `SELECT seq::text AS seq, type, subject_id, area_id, payload, actor, occurred_at FROM outbox_events
         WHERE ($1::text IS NULL OR subject_id = $1) AND ($2::text IS NULL OR actor->>'sub' = $2)
           AND ($3::timestamptz IS NULL OR occurred_at >= $3) AND ($4::timestamptz IS NULL OR occurred_at < $4)
         ORDER BY outbox_events.seq DESC LIMIT $5`, // qualified: a bare `seq` is the text alias, and "9" sorts after "11"
        [entityId ?? null, actor ?? null, from ?? null, to ?? null, limit],
      )) as Row[];
      return rows.map((r) => ({
        service,
        seq: r.seq,
        type: r.type,
        entityId: r.subject_id,
        areaId: r.area_id,
        actorSub: r.actor.sub,
        actorRole: r.actor.role,
        actorOrgId: r.actor.orgId ?? null,
        at: r.occurred_at,
        changes: JSON.stringify(r.payload ?? {}),
      }));
    }
  }
  return AuditResolver;
}

/** Indexes for the audit queries, added to every subgraph's migrations. */
export class AuditIndexes1765000000000 implements MigrationInterface {
  name = 'AuditIndexes1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // A subgraph younger than this migration has no outbox yet when it runs (migrations run in
    // timestamp order); its first migration creates the outbox with these indexes (OUTBOX_SQL).
    const [{ t }] = (await q.query(`SELECT to_regclass('outbox_events') AS t`)) as { t: string | null }[];
    if (t) await q.query(OUTBOX_AUDIT_INDEXES_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS outbox_events_actor');
    await q.query('DROP INDEX IF EXISTS outbox_events_subject');
  }
}
