import { Client } from 'pg';
import { Role } from '@khg/domain';
import { admitMember, createTree, eventually, graph, graphOk, sql, subscribe, testState, tokenFor } from '@khg/testing';

interface Ev {
  events: { cursor: string; type: string; subjectId: string; areaId: string | null };
}
const EVENTS = `subscription($areaId: ID, $types: [EventType!]) { events(areaId: $areaId, types: $types) { cursor type subjectId areaId } }`;

/** A connection of our own, to hold a transaction open the way a slow subgraph write would. */
async function connect(): Promise<Client> {
  const c = new Client({ connectionString: testState().databaseUrl });
  await c.connect();
  return c;
}

const ACTOR = JSON.stringify({ sub: 'relay-test', role: 'ADMIN' });

describe('the outbox relay', () => {
  it('delivers an event while another transaction is held open, then the open one once it commits, in commit order and once', async () => {
    const late = await connect();
    try {
      await late.query('BEGIN');
      await late.query(`INSERT INTO membership.outbox_events (type, subject_id, actor) VALUES ('MEMBER_ADMITTED', 'late-commit-subject', $1)`, [ACTOR]);
      const t = await createTree(1, 1);
      const sub = await subscribe<Ev>(EVENTS, { areaId: t.province.id, types: ['MEMBER_ADMITTED'] });
      // A write through the graph to the same outbox commits while the earlier transaction is still open:
      // its event arrives now (a relay that waits for the oldest open transaction never delivers it here).
      const m = await admitMember(t.communeOrgs[0].id);
      expect((await sub.waitFor(1))[0].events.subjectId).toBe(m.id);
      await sub.close();
      await late.query('COMMIT');
      const rows = await eventually(async () => {
        const r = await sql<{ cursor: string; subject_id: string }>(
          `SELECT l.cursor::text AS cursor, l.subject_id FROM events.log l WHERE l.subject_id = ANY($1) ORDER BY l.cursor`, // l.cursor: numeric order, not the text alias's
          [['late-commit-subject', m.id]],
        );
        return r.length === 2 && r;
      }, 'both events in the log');
      // cursors follow commits: the transaction that began first but committed last comes last
      expect(rows.map((r) => r.subject_id)).toEqual([m.id, 'late-commit-subject']);
    } finally {
      await late.end();
    }
  });

  it('writes no NOTIFY in a subgraph write: the relay hears commits through its replication slot', async () => {
    const [slot] = await sql<{ plugin: string; active: boolean }>(
      `SELECT plugin, active FROM pg_replication_slots WHERE database = current_database() AND slot_name LIKE 'khg\\_events\\_%'`,
    );
    expect(slot).toEqual({ plugin: 'pgoutput', active: true });
    const published = await sql<{ schemaname: string }>(`SELECT schemaname FROM pg_publication_tables WHERE pubname = 'khg_outbox' ORDER BY 1`);
    expect(published.map((r) => r.schemaname)).toEqual(['fundraising', 'inspections', 'learning', 'membership', 'plans'].sort());
    const listener = await connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.channel));
      await listener.query('LISTEN khg_outbox');
      await listener.query('LISTEN khg_events');
      const t = await createTree(1, 1);
      const m = await admitMember(t.communeOrgs[0].id);
      await eventually(async () => (await sql('SELECT 1 FROM events.log WHERE subject_id = $1', [m.id])).length === 1, 'the event relayed');
      // the relay's own write wakes the hubs; no subgraph transaction notified anyone
      await eventually(() => heard.includes('khg_events'), 'the hubs woken');
      expect(heard).not.toContain('khg_outbox');
    } finally {
      await listener.end();
    }
  });

  it('copies a large transaction whole, in its outbox order and commit order, none doubled', async () => {
    const writer = await connect();
    try {
      const write = async (n: number, tag: string) => {
        await writer.query(
          `INSERT INTO inspections.outbox_events (type, subject_id, actor)
          SELECT 'RECOMMENDATION_CHANGED', $2 || '-' || i, $3 FROM generate_series(1, $1::int) i`,
          [n, tag, ACTOR],
        );
      };
      await write(4_999, 'batch-a');
      await write(3, 'batch-b');
      await write(2, 'batch-c');
      const subjects = await eventually(async () => {
        const [r] = await sql<{ n: number; distinct: number }>(`SELECT count(*)::int AS n, count(DISTINCT subject_id)::int AS distinct FROM events.log
          WHERE subject_id LIKE 'batch-%'`);
        return r.distinct === 5_004 && r;
      }, 'every row of the three transactions in the log');
      expect(subjects).toEqual({ n: 5_004, distinct: 5_004 });
      const order = await sql<{ subject_id: string }>(
        `SELECT subject_id FROM events.log WHERE subject_id LIKE 'batch-b-%' OR subject_id LIKE 'batch-c-%' ORDER BY cursor`,
      );
      expect(order.map((r) => r.subject_id)).toEqual(['batch-b-1', 'batch-b-2', 'batch-b-3', 'batch-c-1', 'batch-c-2']);
    } finally {
      await writer.end();
    }
  });

  it('filters by the area tree as it is after a reorganisation (the relay forgets ancestries it cached)', async () => {
    const t = await createTree(2, 1);
    const sub = await subscribe<Ev>(EVENTS, { areaId: t.districts[1].id, types: ['MEMBER_ADMITTED'] });
    // Before: commune 0 lies in district 0, so its event is not for this subscriber (its ancestry is now cached).
    const before = await admitMember(t.communeOrgs[0].id);
    const sentinel = await admitMember(t.communeOrgs[1].id);
    expect((await sub.waitUntil((e) => e.events.subjectId === sentinel.id)).map((e) => e.events.subjectId)).toEqual([sentinel.id]);
    const [logged] = await sql<{ area_ancestry: string[] }>('SELECT area_ancestry FROM events.log WHERE subject_id = $1', [before.id]);
    expect(logged.area_ancestry).toEqual([t.province.id, t.districts[0].id, t.communes[0].id]);

    await graphOk(`mutation($i: ReorganizeAreasInput!) { reorganizeAreas(input: $i) { id } }`, {
      i: {
        decisionNumber: '7/NQ-relay',
        decidedOn: '2025-06-16',
        effectiveOn: '2025-07-01',
        changes: [{ kind: 'MOVE', areaIds: [t.communes[0].id], parentId: t.districts[1].id }],
      },
    });
    const after = await admitMember(t.communeOrgs[0].id);
    const got = await sub.waitUntil((e) => e.events.subjectId === after.id);
    expect(got.map((e) => e.events.subjectId)).toEqual([sentinel.id, after.id]);
    const [moved] = await sql<{ area_ancestry: string[] }>('SELECT area_ancestry FROM events.log WHERE subject_id = $1', [after.id]);
    expect(moved.area_ancestry).toEqual([t.province.id, t.districts[1].id, t.communes[0].id]);
    await sub.close();

    // An officer of district 1 now follows commune 0's events, one of district 0 no longer does.
    const d1 = await subscribe<Ev>(EVENTS, { types: ['MEMBER_ADMITTED'] }, { token: await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[1].id }) });
    const mine = await admitMember(t.communeOrgs[0].id);
    expect((await d1.waitFor(1))[0].events.subjectId).toBe(mine.id);
    await d1.close();
    expect(await graph('{ __typename }')).toMatchObject({ data: { __typename: 'Query' } });
  });
});
