import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { uidJs } from './dataset';
import { percentile, rssOfPid } from './metrics';

export interface DeliveryResult {
  subscribers: number;
  connected: number;
  mutations: number;
  expected: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  connectSeconds: number;
  gatewayRssBytes: number;
  error?: string;
}

const SUBSCRIPTION = 'subscription { events(types: [DONATION_RECORDED]) { cursor occurredAt subjectId } }';
const RECORD = 'mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id } }';

/**
 * Commit → delivery delay at N connected graphql-ws subscribers: one mutation at a time through the
 * gateway; its response time stands for the commit; each subscriber's receipt of the event with
 * that donation's id is a delivery. Bounded: `mutations` mutations, each waited for at most 10 s.
 */
export async function measureDelivery(o: {
  gatewayUrl: string;
  token: string;
  subscribers: number;
  mutations: number;
  runId: string;
  communes: number;
  gatewayPid?: number;
}): Promise<DeliveryResult> {
  const wsUrl = o.gatewayUrl.replace(/^http/, 'ws');
  const receipts = new Map<string, number[]>();
  const clients: Client[] = [];
  const t0 = Date.now();
  let connected = 0;
  let error: string | undefined;
  try {
    // open sockets in batches so the gateway is not hit by 1,000 handshakes in one tick
    for (let b = 0; b < o.subscribers; b += 100) {
      const batch = Array.from(
        { length: Math.min(100, o.subscribers - b) },
        () =>
          new Promise<void>((resolve) => {
            const client = createClient({
              url: wsUrl,
              webSocketImpl: WebSocket,
              lazy: false,
              retryAttempts: 0,
              connectionParams: { authorization: `Bearer ${o.token}` },
            });
            clients.push(client);
            const timer = setTimeout(resolve, 15_000);
            client.on('connected', () => {
              connected++;
              clearTimeout(timer);
              resolve();
            });
            client.on('closed', () => {
              clearTimeout(timer);
              resolve();
            });
            client.subscribe<{ events: { subjectId: string } }>(
              { query: SUBSCRIPTION },
              {
                next: (v) => {
                  const id = v.data?.events.subjectId;
                  if (!id) return;
                  const at = performance.now();
                  const list = receipts.get(id);
                  if (list) list.push(at);
                  else receipts.set(id, [at]);
                },
                error: (e) => {
                  error ??= String((e as Error).message ?? e);
                },
                complete: () => undefined,
              },
            );
          }),
      );
      await Promise.all(batch);
    }
    const connectSeconds = (Date.now() - t0) / 1000;
    // the subscription is registered shortly after the socket opens: let every one settle
    await new Promise((r) => setTimeout(r, 2000));
    const delays: number[] = [];
    let expected = 0;
    for (let i = 0; i < o.mutations; i++) {
      const res = await fetch(o.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
        body: JSON.stringify({
          query: RECORD,
          variables: {
            input: {
              fundId: uidJs('fund', 3, (i % o.communes) + 1),
              donorName: 'Subscriber test',
              amount: 50_000,
              receivedOn: '2018-07-01',
              method: 'CASH',
              idempotencyKey: `${o.runId}-sub-${i}`,
            },
          },
        }),
        signal: AbortSignal.timeout(30_000),
      });
      const committed = performance.now();
      const body = (await res.json()) as { data?: { recordDonation: { id: string } }; errors?: { message: string }[] };
      const id = body.data?.recordDonation.id;
      if (!id) {
        error ??= body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`;
        continue;
      }
      expected += connected;
      const until = Date.now() + 10_000;
      while ((receipts.get(id)?.length ?? 0) < connected && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      for (const at of receipts.get(id) ?? []) delays.push(at - committed);
      await new Promise((r) => setTimeout(r, 50));
    }
    delays.sort((a, b) => a - b);
    return {
      subscribers: o.subscribers,
      connected,
      mutations: o.mutations,
      expected,
      delivered: delays.length,
      p50: percentile(delays, 50),
      p99: percentile(delays, 99),
      max: delays[delays.length - 1] ?? NaN,
      connectSeconds,
      gatewayRssBytes: rssOfPid(o.gatewayPid),
      error,
    };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}
