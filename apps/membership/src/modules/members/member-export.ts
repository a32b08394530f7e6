import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Role } from '@khg/domain';
import {
  badInput,
  decodeCursor,
  encodeCursor,
  idsOfLtreePath,
  notFound,
  personalDataWithheld,
  requireId,
  type Caller,
  type SubgraphStream,
} from '@khg/platform';
import type { MembershipContext } from '../../context';
import type { PrivacyService } from '../privacy/privacy.service';

/** The most rows one page of an export gives (a page is one statement and ~2 MB of JSON). */
export const MAX_EXPORT_PAGE = 10_000;

@ObjectType({ description: 'A member as one row of an exported list: plain values, no field to resolve per row.' })
export class MemberExportRow {
  @Field(() => ID)
  id: string;

  @Field()
  fullName: string;

  @Field(() => String, { nullable: true })
  gender: string | null;

  @Field(() => Int, { nullable: true, description: 'null unless the caller may read personal data of the whole subtree' })
  birthYear: number | null;

  @Field(() => String, { nullable: true, description: 'null unless the caller may read personal data of the whole subtree' })
  phone: string | null;

  @Field({ description: 'yyyy-mm-dd' })
  joinedOn: string;

  @Field()
  status: string;

  @Field()
  organizationName: string;

  @Field(() => String, { nullable: true, description: 'The ACTIVE card, or else the latest one' })
  cardNumber: string | null;
}

@ObjectType({ description: 'A page of an organisation subtree’s members for a file export, in id order.' })
export class MemberExportPage {
  @Field(() => [MemberExportRow])
  rows: MemberExportRow[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' })
  next: string | null;

  @Field({ description: 'Whether phone and birthYear are given (ADMIN, or an officer of the subtree).' })
  personal: boolean;
}

interface Row {
  id: string;
  full_name: string;
  gender: string | null;
  birth_year: number | null;
  phone: string | null;
  joined_on: string;
  status: string;
  organization_name: string;
  card_number: string | null;
}

// One statement per page: the subtree's organisation ids first (so the scan uses members_organization),
// the card chosen as Member.card does (ACTIVE first, then the latest).
const PAGE_SQL = `
SELECT m.id, m.full_name, m.gender, m.birth_year, m.phone, to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on, m.status,
       o.name AS organization_name, c.number AS card_number
FROM members m
JOIN organizations o ON o.id = m.organization_id
LEFT JOIN LATERAL (
  SELECT number FROM member_cards c WHERE c.member_id = m.id ORDER BY (c.status = 'ACTIVE') DESC, c.id DESC LIMIT 1
) c ON true
WHERE m.organization_id = ANY(ARRAY(SELECT s.id FROM organizations s WHERE s.path <@ $1::ltree))
  AND ($2::text IS NULL OR m.id > $2)
ORDER BY m.id
LIMIT $3`;

/** Rows per statement of the stream: small enough that a page dies young in V8's new space. */
const STREAM_PAGE = 1_000;

/**
 * The members of a subtree read for a file: Query.members resolves each field of each member (a
 * DataLoader call per card, organisation and personal field), which dominates when 200,000 rows
 * are exported. Personal data follows the same rule as Member.phone: all or none of the subtree,
 * and each read recorded in the read log (one INSERT per page).
 */
export class MemberExportService {
  constructor(
    private readonly ds: DataSource,
    private readonly privacy: PrivacyService,
  ) {}

  /** A page as GraphQL gives it (Query.memberExportPage). */
  async page(caller: Caller, organizationId: string, after: string | null, first: number): Promise<MemberExportPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_EXPORT_PAGE)
      throw badInput(`first must be between 1 and ${MAX_EXPORT_PAGE} (got ${first})`, { limit: MAX_EXPORT_PAGE });
    const subtree = await this.subtree(caller, organizationId);
    const rows = await this.rows(caller, subtree, after ? decodeCursor(after) : null, first);
    return { personal: subtree.personal, next: rows.length === first ? encodeCursor(rows[rows.length - 1].id) : null, rows };
  }

  /**
   * The whole subtree as the `members-export` stream (the gateway's MEMBERS file export): the same
   * rows and rules as the pages, a thousand per statement, the next read once the gateway took the last.
   */
  readonly stream: SubgraphStream = {
    name: 'members-export',
    run: async (caller, params, send) => {
      const subtree = await this.subtree(caller, params.get('organizationId') ?? '');
      let after: string | null = null;
      for (;;) {
        const rows = await this.rows(caller, subtree, after, STREAM_PAGE);
        if (rows.length) await send(rows);
        if (rows.length < STREAM_PAGE) return;
        after = rows[rows.length - 1].id;
      }
    },
  };

  /** The subtree's path, and whether the caller reads its personal columns (refused outright for an officer of another subtree). */
  private async subtree(caller: Caller, organizationId: string): Promise<{ path: string; personal: boolean }> {
    requireId('Organization', organizationId, 'organizationId');
    const [org]: { path: string }[] = await this.ds.query(`SELECT path::text AS path FROM organizations WHERE id = $1`, [organizationId]);
    if (!org) throw notFound('Organization', organizationId);
    return { path: org.path, personal: this.personal(caller, idsOfLtreePath(org.path)) };
  }

  private async rows(caller: Caller, subtree: { path: string; personal: boolean }, afterId: string | null, first: number): Promise<MemberExportRow[]> {
    const rows: Row[] = await this.ds.query(PAGE_SQL, [subtree.path, afterId, first]);
    if (subtree.personal && rows.length)
      await this.privacy.record(
        rows.flatMap((r) => ['birthYear', 'phone'].map((field) => ({ memberId: r.id, field, readerId: caller.sub, role: caller.role }))),
      );
    return rows.map((r) => ({
      id: r.id,
      fullName: r.full_name,
      gender: r.gender,
      birthYear: subtree.personal ? r.birth_year : null,
      phone: subtree.personal ? r.phone : null,
      joinedOn: r.joined_on,
      status: r.status,
      organizationName: r.organization_name,
      cardNumber: r.card_number,
    }));
  }

  /** An officer asking for a subtree outside its own is refused as Member.phone refuses it, not given a list without the columns. */
  private personal(caller: Caller, orgAncestry: string[]): boolean {
    if (caller.role === Role.ADMIN) return true;
    if (caller.role !== Role.OFFICER) return false;
    if (caller.orgId && orgAncestry.includes(caller.orgId)) return true;
    throw personalDataWithheld('Member.phone', caller);
  }
}

@Resolver()
export class MemberExportResolver {
  constructor(private readonly service: MemberExportService) {}

  @Query(() => MemberExportPage, {
    description: `The members of an organisation and every organisation below it as plain rows for a file (Query.export MEMBERS), up to ${MAX_EXPORT_PAGE} a page.`,
  })
  memberExportPage(
    @Ctx() ctx: MembershipContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 5000 }) first?: number,
  ): Promise<MemberExportPage> {
    return this.service.page(ctx.caller, organizationId, after ?? null, first ?? 5000);
  }
}
