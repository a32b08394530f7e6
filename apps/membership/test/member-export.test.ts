import { Role } from '@khg/domain';
import { CALLER_HEADER, signInternalCaller } from '@khg/platform';
import { admitMember, codes, countStatements, createTree, graph, graphOk, rowCount, testState, tokenFor, type Tree } from '@khg/testing';

// Query.memberExportPage, what a MEMBERS export reads: the subtree's members as plain rows in id
// order, thousands a page in one statement, personal columns only for those who may read them
// (and their reads recorded), an officer outside the subtree refused.

const PAGE = `query($o: ID!, $first: Int, $after: String) {
  memberExportPage(organizationId: $o, first: $first, after: $after) {
    next personal rows { id fullName gender birthYear phone joinedOn status organizationName cardNumber }
  }
}`;

interface Page {
  next: string | null;
  personal: boolean;
  rows: {
    id: string;
    fullName: string;
    birthYear: number | null;
    phone: string | null;
    joinedOn: string;
    organizationName: string;
    cardNumber: string | null;
  }[];
}

async function all(org: string, first: number, token?: string): Promise<{ rows: Page['rows']; pages: number }> {
  const rows: Page['rows'] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const { memberExportPage: page }: { memberExportPage: Page } = await graphOk(PAGE, { o: org, first, after }, { token });
    rows.push(...page.rows);
    after = page.next;
    pages++;
  } while (after);
  return { rows, pages };
}

/** A district with two communes of three members each (phone and birth year given); their ids in admission order. */
async function treeWithMembers(): Promise<{ t: Tree; ids: string[] }> {
  const t = await createTree(1, 2);
  const ids: string[] = [];
  for (const org of t.communeOrgs)
    for (let i = 0; i < 3; i++) ids.push((await admitMember(org.id, undefined, { joinedOn: '2019-04-02', phone: '0912345678', birthYear: 1970 })).id);
  return { t, ids };
}

describe('member export pages', () => {
  let t: Tree;
  let ids: string[];
  beforeAll(async () => {
    ({ t, ids } = await treeWithMembers());
    await graphOk(`mutation($m: ID!) { issueMemberCard(memberId: $m) { id } }`, { m: ids[0] });
  });

  it('pages through the whole subtree in id order with the card and the organisation', async () => {
    const { rows, pages } = await all(t.districtOrgs[0].id, 2);
    expect(pages).toBe(4); // 6 members, 2 a page: the third page is full, so a fourth (empty) one ends the list
    expect(rows.map((r) => r.id)).toEqual([...ids].sort());
    const first = rows.find((r) => r.id === ids[0])!;
    expect(first).toMatchObject({ joinedOn: '2019-04-02', phone: '0912345678', birthYear: 1970, organizationName: t.communeOrgs[0].name });
    expect(first.cardNumber).toMatch(/\S/);
    expect(rows.filter((r) => r.cardNumber)).toHaveLength(1);
  });

  it('costs the same statements for a page of 2 as for a page of 6', async () => {
    const org = t.districtOrgs[0].id;
    const small = await countStatements(() => graphOk(PAGE, { o: org, first: 2 }));
    const large = await countStatements(() => graphOk(PAGE, { o: org, first: 6 }));
    expect(large.membership).toBe(small.membership);
  });

  it('records the personal reads of an ADMIN, gives an analyst no personal columns and refuses an officer outside the subtree', async () => {
    const org = t.communeOrgs[1].id;
    const member = ids[3];
    const before = await rowCount('membership.personal_data_reads', 'member_id = $1', [member]);
    await all(org, 10);
    expect(await rowCount('membership.personal_data_reads', "member_id = $1 AND fields = '{birthYear,phone}'", [member])).toBe(before + 1);

    const analyst = await tokenFor({ role: Role.ANALYST });
    const { rows } = await all(org, 10, analyst);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.phone === null && r.birthYear === null)).toBe(true);

    const officer = await tokenFor({ role: Role.OFFICER, orgId: t.communeOrgs[0].id });
    expect(codes(await graph(PAGE, { o: org, first: 10 }, { token: officer }))).toEqual(['PERSONAL_DATA']);
    expect((await all(t.communeOrgs[0].id, 10, officer)).rows).toHaveLength(3);
  });

  it('gives callers from outside the gateway no larger pages than any list (the export’s thousands are the gateway’s own)', async () => {
    const r = await graph(PAGE, { o: t.provinceOrg.id, first: 5000 });
    expect(codes(r)).toEqual(['OPERATION_LIMIT']);
    expect(r.errors![0].message).toMatch(/first/);
  });
});

// The stream behind the MEMBERS file export: the same rows as the pages, newline-delimited JSON
// with an end line, a thousand rows per statement, refusals as JSON before any row.
describe('members-export stream', () => {
  let t: Tree;
  let ids: string[];
  beforeAll(async () => {
    ({ t, ids } = await treeWithMembers());
  });

  async function open(org: string, caller: Parameters<typeof signInternalCaller>[1] | null) {
    const url = new URL('/streams/members-export', testState().subgraphUrls.membership);
    url.searchParams.set('organizationId', org);
    const headers: Record<string, string> = caller ? { [CALLER_HEADER]: await signInternalCaller(testState().internalSecret, caller, '60s') } : {};
    const res = await fetch(url, { headers });
    const lines = (await res.text()).split('\n').filter(Boolean);
    return { status: res.status, type: res.headers.get('content-type'), lines: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  it('sends every member of the subtree in id order, then an end line counting them, and records the personal reads', async () => {
    const before = await rowCount('membership.personal_data_reads', 'member_id = $1', [ids[0]]);
    const { status, type, lines } = await open(t.districtOrgs[0].id, { sub: 'test-admin', role: Role.ADMIN });
    expect(status).toBe(200);
    expect(type).toMatch(/application\/x-ndjson/);
    expect(lines.at(-1)).toEqual({ end: true, rows: 6 });
    const rows = lines.slice(0, -1);
    expect(rows.map((r) => r.id)).toEqual([...ids].sort());
    expect(rows[0]).toMatchObject({ phone: '0912345678', birthYear: 1970, joinedOn: '2019-04-02' });
    expect(await rowCount('membership.personal_data_reads', 'member_id = $1', [ids[0]])).toBe(before + 1);
    // the same rows as the GraphQL pages give
    const { memberExportPage: page }: { memberExportPage: Page } = await graphOk(PAGE, { o: t.districtOrgs[0].id, first: 10 });
    expect(rows).toEqual(page.rows);
  });

  it('costs the same statements for the whole of a small subtree as for a part of it', async () => {
    const whole = await countStatements(() => open(t.districtOrgs[0].id, { sub: 'test-admin', role: Role.ADMIN }));
    const part = await countStatements(() => open(t.communeOrgs[0].id, { sub: 'test-admin', role: Role.ADMIN }));
    expect(whole.membership).toBe(part.membership);
  });

  it('refuses before any row: no caller, an officer outside the subtree, an unknown organisation', async () => {
    expect((await open(t.districtOrgs[0].id, null)).status).toBe(401);
    const outside = await open(t.communeOrgs[1].id, { sub: 'o', role: Role.OFFICER, orgId: t.communeOrgs[0].id });
    expect(outside.status).toBe(403);
    expect(outside.lines).toEqual([expect.objectContaining({ code: 'PERSONAL_DATA' })]);
    const unknown = await open('org_00000000-0000-4000-8000-000000000000', { sub: 'test-admin', role: Role.ADMIN });
    expect(unknown.status).toBe(404);
    expect(unknown.lines[0]).toMatchObject({ code: 'NOT_FOUND' });
  });
});
