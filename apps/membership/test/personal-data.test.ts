import { randomUUID } from 'node:crypto';
import { ERASED_NAME, Role } from '@khg/domain';
import { loadManifest } from '@khg/platform';
import { admitMember, codes, createTree, graph, graphOk, sql, tokenFor, unique, type Tree } from '@khg/testing';

// A member's rights under Law 91/2025/QH15: to know what is held about them, and to have it erased.

const PERSONAL_DATA = `query($m: ID!) { personalData(memberId: $m) {
  member { id fullName phone birthYear status card { number } feePayments { year amount } memberships { organization { id } from } }
  donations { id amount donorName receiptNumber }
  reads { readerId role fields readAt } } }`;

interface PersonalDataAnswer {
  personalData: {
    member: {
      id: string;
      fullName: string;
      phone: string | null;
      birthYear: number | null;
      card: { number: string } | null;
      feePayments: { year: number; amount: number }[];
      memberships: unknown[];
    };
    donations: { id: string; amount: number; donorName: string }[];
    reads: { readerId: string; role: string; fields: string[]; readAt: string }[];
  };
}

let t: Tree;
let fundId: string;

async function donateAs(memberId: string | null, donorName: string, amount: number): Promise<string> {
  const d = await graphOk<{ recordDonation: { id: string } }>('mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }', {
    i: { fundId, donorName, amount, receivedOn: '2018-05-10', method: 'CASH', idempotencyKey: randomUUID(), ...(memberId ? { donorMemberId: memberId } : {}) },
  });
  return d.recordDonation.id;
}

/** A member with a phone, a birth year, a card, a 2018 fee and a donation made as that member. */
async function fullMember(name: string): Promise<{ id: string; fullName: string; donationId: string }> {
  const m = await admitMember(t.communeOrgs[0].id, name, { phone: '0912 345 678', birthYear: 1961, joinedOn: '2017-04-02' });
  await graphOk('mutation($m: ID!) { issueMemberCard(memberId: $m) { id } }', { m: m.id });
  await graphOk('mutation($i: RecordFeePaymentInput!) { recordFeePayment(input: $i) { id } }', {
    i: { memberId: m.id, year: 2018, amount: 24000, paidOn: '2018-03-15' },
  });
  const donationId = await donateAs(m.id, name, 500_000);
  return { ...m, donationId };
}

beforeAll(async () => {
  t = await createTree(1, 1);
  fundId = (
    await graphOk<{ openFund: { id: string } }>('mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }', {
      o: t.communeOrgs[0].id,
      n: unique('Quỹ Khuyến học '),
    })
  ).openFund.id;
});

describe('personalData', () => {
  it("gives a member everything held about them, and refuses another member's", async () => {
    const me = await fullMember(unique('Trần Thị Riêng '));
    const other = await fullMember(unique('Lê Văn Khác '));
    const mine = await tokenFor({ role: Role.MEMBER, memberId: me.id, sub: `member-${me.id}` });

    const d = await graphOk<PersonalDataAnswer>(PERSONAL_DATA, { m: me.id }, { token: mine });
    expect(d.personalData.member).toMatchObject({ id: me.id, fullName: me.fullName, phone: '0912 345 678', birthYear: 1961 });
    expect(d.personalData.member.card?.number).toBeTruthy();
    expect(d.personalData.member.feePayments).toEqual([{ year: 2018, amount: 24000 }]);
    expect(d.personalData.member.memberships).toHaveLength(1);
    expect(d.personalData.donations).toEqual([expect.objectContaining({ id: me.donationId, amount: 500_000, donorName: me.fullName })]);

    const theirs = await graph(PERSONAL_DATA, { m: other.id }, { token: mine });
    expect(codes(theirs)).toContain('FORBIDDEN');
    expect(theirs.data ?? null).toBeNull();
    for (const role of [Role.ANALYST, Role.DEPARTMENT, Role.OFFICER]) {
      const r = await graph(PERSONAL_DATA, { m: me.id }, { token: await tokenFor({ role, orgId: t.communeOrgs[0].id }) });
      expect(codes(r)).toContain('FORBIDDEN');
    }
  });

  it("lists an admin's read of a phone number among the member's reads", async () => {
    const m = await fullMember(unique('Phạm Văn Đọc '));
    const admin = await tokenFor({ role: Role.ADMIN, sub: unique('admin-reader-') });
    await graphOk('query($m: ID!) { member(id: $m) { phone } }', { m: m.id }, { token: admin });
    // Reads without personal fields are not personal-data reads.
    await graphOk('query($m: ID!) { member(id: $m) { fullName status } }', { m: m.id });

    const d = await graphOk<PersonalDataAnswer>('query($m: ID!) { personalData(memberId: $m) { reads { readerId role fields readAt } } }', { m: m.id });
    const adminSub = JSON.parse(Buffer.from(admin.split('.')[1], 'base64url').toString()).sub as string;
    expect(d.personalData.reads).toEqual([{ readerId: adminSub, role: 'ADMIN', fields: ['phone'], readAt: expect.any(String) }]);
    // An analyst is refused the field, so nothing was read and nothing is recorded.
    await graph('query($m: ID!) { member(id: $m) { phone } }', { m: m.id }, { token: await tokenFor({ role: Role.ANALYST }) });
    expect(await sql('SELECT count(*)::int AS n FROM membership.personal_data_reads WHERE member_id = $1', [m.id])).toEqual([{ n: 1 }]);
  });

  it('records every reader, even of an answer the gateway already cached for another (personal reads are cached per reader)', async () => {
    const m = await fullMember(unique('Vũ Thị Hai '));
    const q = 'query($m: ID!) { member(id: $m) { phone birthYear } }';
    const first = await tokenFor({ role: Role.ADMIN, sub: 'admin-one' });
    const second = await tokenFor({ role: Role.ADMIN, sub: 'admin-two' });
    await graphOk(q, { m: m.id }, { token: first });
    await graphOk(q, { m: m.id }, { token: second });
    const rows = await sql('SELECT reader_sub, fields FROM membership.personal_data_reads WHERE member_id = $1 ORDER BY id', [m.id]);
    expect(rows).toEqual([
      { reader_sub: 'admin-one', fields: ['birthYear', 'phone'] },
      { reader_sub: 'admin-two', fields: ['birthYear', 'phone'] },
    ]);
  });
});

describe('erasePersonalData', () => {
  const STATS = 'membershipStats(year: 2018) { members activeMembers cardsIssued cardIssuanceRate feesCollected feeCollectionRate }';
  const FIGURES = `query($p: ID!, $d: ID!, $c: ID!, $pa: ID!, $da: ID!, $ca: ID!, $f: ID!) {
    province: organization(id: $p) { ${STATS} } district: organization(id: $d) { ${STATS} } commune: organization(id: $c) { ${STATS} }
    provinceArea: area(id: $pa) { fundraising(year: 2018) { raised awarded } }
    districtArea: area(id: $da) { fundraising(year: 2018) { raised awarded } }
    communeArea: area(id: $ca) { fundraising(year: 2018) { raised awarded } }
    fund: fund(id: $f) { balance } }`;

  it('erases the name, phone and birth year everywhere, keeps every figure, is audited and final', async () => {
    const name = unique('Hoàng Thị Xoá ');
    const m = await fullMember(name);
    const figures = async () =>
      graphOk(FIGURES, {
        p: t.provinceOrg.id,
        d: t.districtOrgs[0].id,
        c: t.communeOrgs[0].id,
        pa: t.province.id,
        da: t.districts[0].id,
        ca: t.communes[0].id,
        f: fundId,
      });
    const before = await figures();
    expect(before.commune.membershipStats.members).toBeGreaterThan(0);
    expect(before.communeArea.fundraising.raised).toBeGreaterThan(0);
    const search = async () =>
      (await graphOk<{ members: { totalCount: number } }>('query($s: String!) { members(search: $s) { totalCount } }', { s: name })).members.totalCount;
    expect(await search()).toBe(1);

    // Only an admin may erase, with a reason; a refused request changes nothing.
    const officer = await tokenFor({ role: Role.OFFICER, orgId: t.provinceOrg.id });
    expect(codes(await graph('mutation($m: ID!) { erasePersonalData(memberId: $m, reason: "asked") { id } }', { m: m.id }, { token: officer }))).toContain(
      'FORBIDDEN',
    );
    expect(codes(await graph('mutation($m: ID!) { erasePersonalData(memberId: $m, reason: " ") { id } }', { m: m.id }))).toContain('BAD_USER_INPUT');
    expect(await search()).toBe(1);

    const erased = await graphOk<{ erasePersonalData: { id: string; fullName: string; phone: string | null; birthYear: number | null; status: string } }>(
      'mutation($m: ID!) { erasePersonalData(memberId: $m, reason: "Yêu cầu của hội viên, đơn số 12/2026") { id fullName phone birthYear status } }',
      { m: m.id },
    );
    expect(erased.erasePersonalData).toEqual({ id: m.id, fullName: ERASED_NAME, phone: null, birthYear: null, status: 'ACTIVE' });

    // The name is in no subgraph's tables: every text and JSON column of every subgraph schema
    // (the manifest's, so a subgraph added later is searched too).
    const schemas = loadManifest().map((m) => m.dbSchema);
    const columns = await sql<{ table_schema: string; table_name: string; column_name: string }>(
      `SELECT table_schema, table_name, column_name FROM information_schema.columns
       WHERE table_schema = ANY($1) AND data_type IN ('text', 'character varying', 'jsonb', 'json')`,
      [schemas],
    );
    expect(new Set(columns.map((c) => c.table_schema))).toEqual(new Set(schemas));
    const found = await sql<{ n: number }>(
      columns
        .map((c) => `SELECT count(*)::int AS n FROM "${c.table_schema}"."${c.table_name}" WHERE "${c.column_name}"::text ILIKE '%' || $1 || '%'`)
        .join(' UNION ALL '),
      [name],
    );
    expect(found.reduce((s, r) => s + r.n, 0)).toBe(0);
    expect(await sql('SELECT donor_name, amount::int FROM fundraising.donations WHERE id = $1', [m.donationId])).toEqual([
      { donor_name: ERASED_NAME, amount: 500_000 },
    ]);
    expect(await sql('SELECT phone, birth_year FROM membership.members WHERE id = $1', [m.id])).toEqual([{ phone: null, birth_year: null }]);

    // Search does not find the person; every 2018 figure is unchanged.
    expect(await search()).toBe(0);
    expect(await figures()).toEqual(before);

    // The event and the audit entries (membership's, and fundraising's for the donor names).
    const events = await sql('SELECT type, payload, actor FROM membership.outbox_events WHERE subject_id = $1 AND type = $2', [m.id, 'PERSONAL_DATA_ERASED']);
    expect(events).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({ reason: 'Yêu cầu của hội viên, đơn số 12/2026', donorNamesErased: 1 }),
        actor: expect.objectContaining({ role: 'ADMIN' }),
      }),
    ]);
    const trail = await graphOk<{ membershipAuditTrail: { type: string }[]; fundraisingAuditTrail: { type: string }[] }>(
      'query($m: ID!) { membershipAuditTrail(entityId: $m) { type } fundraisingAuditTrail(entityId: $m) { type } }',
      { m: m.id },
    );
    expect(trail.membershipAuditTrail[0].type).toBe('PERSONAL_DATA_ERASED');
    expect(trail.fundraisingAuditTrail.map((e) => e.type)).toEqual(['DONOR_NAMES_ERASED']);

    // Irreversible and not repeatable; a donation made as someone else keeps its donor name.
    expect(codes(await graph('mutation($m: ID!) { erasePersonalData(memberId: $m, reason: "again") { id } }', { m: m.id }))).toContain('CONFLICT');
    expect((await graphOk<PersonalDataAnswer>(PERSONAL_DATA, { m: m.id })).personalData.donations.map((d) => d.donorName)).toEqual([ERASED_NAME]);
  });

  it('refuses an unknown member without calling anything', async () => {
    const r = await graph('mutation { erasePersonalData(memberId: "mbr_00000000-0000-7000-8000-000000000000", reason: "asked by the member") { id } }');
    expect(codes(r)).toContain('NOT_FOUND');
  });
});
