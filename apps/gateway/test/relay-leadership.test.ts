import { GATEWAY, freePort, startService, type RunningService } from '@khg/stack';
import { eventually, sql, subscribe, testState } from '@khg/testing';

interface Ev {
  events: { cursor: string; type: string; subjectId: string };
}
const EVENTS = `subscription($after: String) { events(types: [RECOMMENDATION_CHANGED], after: $after) { cursor type subjectId } }`;
const ACTOR = JSON.stringify({ sub: 'leadership-test', role: 'ADMIN' });

/** An outbox row written the way a subgraph's transaction writes it (no gateway involved). */
const write = (subject: string) =>
  sql(`INSERT INTO inspections.outbox_events (type, subject_id, actor) VALUES ('RECOMMENDATION_CHANGED', $1, $2)`, [subject, ACTOR]);

/** Port and process of every gateway streaming the slot (its replication connection names them). */
async function leaders(): Promise<{ pid: number; port: number }[]> {
  const rows = await sql<{ app: string }>(`SELECT application_name AS app FROM pg_stat_replication WHERE application_name LIKE 'khg-relay %'`);
  return rows.map((r) => {
    const parts = r.app.split(':');
    return { pid: Number(parts[parts.length - 2]), port: Number(parts[parts.length - 1]) };
  });
}

describe('relay leadership', () => {
  it('a frozen leader loses the slot to another replica and is fenced off: no event lost, doubled or out of order', async () => {
    const port = await freePort();
    let other: RunningService | null = null;
    let frozen: number | null = null;
    try {
      other = await startService(GATEWAY, port, { env: { ...process.env, ...testState().env }, output: testState().logFile });
      const url = `${other.url}/graphql`;
      const [first] = await eventually(async () => {
        const l = await leaders();
        return l.length === 1 && l;
      }, 'one relay leading');
      // the platform's gateway started first and leads; the new replica waits
      expect(first.port).not.toBe(port);

      const sub = await subscribe<Ev>(EVENTS, {}, { url });
      await write('lead-1');
      const [e1] = await sub.waitFor(1);
      expect(e1.events.subjectId).toBe('lead-1');

      process.kill(first.pid, 'SIGSTOP');
      frozen = first.pid;
      const during = ['lead-2', 'lead-3', 'lead-4'];
      for (const s of during) await write(s);
      // PostgreSQL frees the slot of the silent leader; the other replica takes it and relays
      expect((await sub.waitFor(4)).map((e) => e.events.subjectId)).toEqual(['lead-1', ...during]);
      expect((await leaders()).map((l) => l.port)).toEqual([port]);

      process.kill(first.pid, 'SIGCONT');
      frozen = null;
      await write('lead-5');
      expect((await sub.waitFor(5)).map((e) => e.events.subjectId)).toEqual(['lead-1', ...during, 'lead-5']);
      await sub.close();

      // the woken replica replays from the cursor like any other, and the log holds each event once, in order
      const replay = await subscribe<Ev>(EVENTS, { after: e1.events.cursor });
      expect((await replay.waitFor(4)).map((e) => e.events.subjectId)).toEqual([...during, 'lead-5']);
      const log = await sql<{ subject_id: string }>(`SELECT subject_id FROM events.log WHERE subject_id LIKE 'lead-%' ORDER BY cursor`);
      expect(log.map((r) => r.subject_id)).toEqual(['lead-1', ...during, 'lead-5']);

      // without the other replica, the first takes the slot back
      await other.stop();
      other = null;
      await write('lead-6');
      expect((await replay.waitFor(5)).map((e) => e.events.subjectId)).toEqual([...during, 'lead-5', 'lead-6']);
      await replay.close();
      expect((await leaders()).map((l) => l.port)).toEqual([first.port]);
    } finally {
      if (frozen) process.kill(frozen, 'SIGCONT');
      await other?.stop();
    }
  });
});
