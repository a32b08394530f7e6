import { Role } from '@khg/domain';
import { admitMember, codes, countStatements, createTree, graph, graphOk, rowCount, tokenFor, type Tree } from '@khg/testing';

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

describe('member export pages', () => {
  let t: Tree;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await createTree(1, 2);
    for (const org of t.communeOrgs)
      for (let i = 0; i < 3; i++) ids.push((await admitMember(org.id, undefined, { joinedOn: '2019-04-02', phone: '0912345678', birthYear: 1970 })).id);
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
