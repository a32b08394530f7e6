import { percentile } from './metrics';

export interface StaleWindowResult {
  samples: number;
  /** samples whose change reached the other replica within the bound */
  measured: number;
  p50: number;
  p99: number;
  max: number;
  /** the unmeasured warm-up writes: until one reached the reader within a second (a fresh platform's relay may still be catching up) */
  warmupMs?: number;
  /** the samples over 1 s, in the order taken (index: delay in ms) */
  slow?: string;
  error?: string;
}

const BALANCE = 'query($id: ID!) { fund(id: $id) { balance } }';
const RECORD = 'mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id } }';
/** a change not seen on the other replica by then counts as not measured (the goal is 1 s) */
const BOUND_MS = 10_000;
/** the warm-up write may wait for the relay to catch up with what was written before the run */
const WARMUP_BOUND_MS = 180_000;

async function gql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(BOUND_MS),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return body.data;
}

/** p50/p99/max of the measured windows (milliseconds), with how many samples were taken. */
export function summarizeStaleWindow(windows: number[], samples: number, error?: string): StaleWindowResult {
  const sorted = [...windows].sort((a, b) => a - b);
  return {
    samples,
    measured: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    ...(error !== undefined && { error }),
  };
}

/**
 * How long a cached answer on one gateway replica stays stale after a write through another: a
 * fund's balance is cached on `reader`, a donation to that fund is recorded through `writer` (its
 * answer stands for the commit), then `reader` is asked again, back to back, until the balance
 * changes. The reader's own cache can learn of the write only through the event log (relay, then its
 * hub), so the window is that path's delay. One sample at a time, so they do not overlap.
 */
export async function measureStaleWindow(o: {
  writerUrl: string;
  readerUrl: string;
  token: string;
  fundId: string;
  samples: number;
  runId: string;
}): Promise<StaleWindowResult> {
  const windows: number[] = [];
  const slow: string[] = [];
  let error: string | undefined;
  let warmupMs: number | undefined;
  const balance = async () => ((await gql(o.readerUrl, o.token, BALANCE, { id: o.fundId })).fund as { balance: number } | null)?.balance;
  // One write, then how long until the reader shows it (null: not within the bound).
  const sample = async (i: number | string, bound: number): Promise<number | null> => {
    // twice: the second answer comes from the reader's cache, which is what must go stale
    await balance();
    const before = await balance();
    await gql(o.writerUrl, o.token, RECORD, {
      input: {
        fundId: o.fundId,
        donorName: `Bench stale window ${i}`,
        amount: 10_000,
        receivedOn: '2018-06-01',
        method: 'CASH',
        idempotencyKey: `${o.runId}-stale-${i}`,
      },
    });
    const committed = performance.now();
    while (performance.now() - committed < bound) if ((await balance()) !== before) return performance.now() - committed;
    return null;
  };
  try {
    // Not samples: on a platform just started the relay may still be reading the WAL of the dataset's
    // load (at scale 10 the first write took 60 s to reach the reader, and the next two over 7 s), and
    // the stale window to measure is the steady one. Writes until one arrives within a second; the
    // time that took is reported.
    const warming = performance.now();
    for (let k = 0; ; k++) {
      const w = await sample(`warmup-${k}`, WARMUP_BOUND_MS);
      if (w === null || performance.now() - warming > WARMUP_BOUND_MS)
        throw new Error(
          `the platform's relay did not catch up within ${WARMUP_BOUND_MS} ms (a write still took ${w === null ? `over ${WARMUP_BOUND_MS}` : Math.round(w)} ms to reach the reader)`,
        );
      if (w < 1000) break;
    }
    warmupMs = performance.now() - warming;
    for (let i = 0; i < o.samples; i++) {
      const ms = await sample(i, BOUND_MS);
      if (ms === null) error ??= `sample ${i}: the reader still answered the old balance after ${BOUND_MS} ms`;
      else windows.push(ms);
      if (ms === null || ms > 1000) slow.push(`#${i}: ${ms === null ? `> ${BOUND_MS}` : Math.round(ms)} ms`);
    }
  } catch (e) {
    error ??= (e as Error).message;
  }
  return { ...summarizeStaleWindow(windows, o.samples, error), ...(warmupMs !== undefined && { warmupMs }), ...(slow.length > 0 && { slow: slow.join(', ') }) };
}
