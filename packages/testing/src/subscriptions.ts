import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { asAdmin } from './client';
import { testState } from './state';

export interface Subscription<T> {
  /** payloads received so far, in order */
  received: T[];
  /** resolves once `n` payloads have arrived (rejects after `ms`, or when the subscription ends first) */
  waitFor(n: number, ms?: number): Promise<T[]>;
  /**
   * Resolves with every payload received up to and including the first one `sentinel` accepts.
   * Write the sentinel after the events that must not arrive: events come in cursor order, so
   * whatever the sentinel did not bring with it will never come.
   */
  waitUntil(sentinel: (payload: T) => boolean, ms?: number): Promise<T[]>;
  /** the error the server ended the subscription with, if any */
  error: unknown;
  /** resolves with the socket's close event (code, reason) once the connection has closed */
  closed: Promise<{ code?: number; reason?: string }>;
  close(): Promise<void>;
}

/**
 * A real graphql-ws client subscribed through the gateway's WebSocket endpoint. Resolves once the
 * server acknowledged the subscription (its start position fixed: events of writes made after this
 * resolves are delivered), or once the server refused it (`error` says why).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read events of every shape; they name a type where it matters
export async function subscribe<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string | null; url?: string } = {},
): Promise<Subscription<T>> {
  const token = opts.token === undefined ? await asAdmin() : opts.token;
  const url = (opts.url ?? testState().gatewayUrl).replace(/^http/, 'ws');
  let connectError: unknown = null;
  let onClosed: (e: { code?: number; reason?: string }) => void = () => undefined;
  const closed = new Promise<{ code?: number; reason?: string }>((r) => {
    onClosed = r;
  });
  const client: Client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    // a refused connection is reported through `closed` and `error`, not the console
    onNonLazyError: () => undefined,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      closed: (e) => {
        connectError ??= e;
        onClosed(e as { code?: number; reason?: string });
      },
    },
  });
  const received: T[] = [];
  let subError: unknown = null;
  let ended = false;
  const waiters: { done: () => boolean; fail: (why: string) => void }[] = [];
  const settle = () => {
    for (const w of [...waiters]) if (w.done()) waiters.splice(waiters.indexOf(w), 1);
    if (ended) for (const w of waiters.splice(0)) w.fail('the subscription ended');
  };
  const wait = (label: string, found: () => T[] | null, ms: number): Promise<T[]> => {
    const now = found();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        clearTimeout(timer);
        reject(new Error(`${label}: ${why}; ${received.length} received; error: ${JSON.stringify(subError ?? connectError)}`));
      };
      const timer = setTimeout(() => fail(`not within ${ms} ms`), ms);
      waiters.push({
        fail,
        done: () => {
          const v = found();
          if (v) {
            clearTimeout(timer);
            resolve(v);
          }
          return !!v;
        },
      });
      settle();
    });
  };
  const sub: Subscription<T> = {
    received,
    get error() {
      return subError ?? connectError;
    },
    closed,
    waitFor: (n, ms = 30_000) => wait(`waiting for ${n} events`, () => (received.length >= n ? received.slice(0, n) : null), ms),
    waitUntil: (sentinel, ms = 30_000) =>
      wait(
        'waiting for the sentinel event',
        () => {
          const i = received.findIndex(sentinel);
          return i < 0 ? null : received.slice(0, i + 1);
        },
        ms,
      ),
    async close() {
      await client.dispose();
    },
  };
  let acknowledged: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    acknowledged = resolve;
  });
  client.on('pong', (fromServer, payload) => {
    if (fromServer && payload && 'subscribed' in payload) acknowledged();
  });
  client.on('closed', () => acknowledged());
  client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.errors) subError = v.errors;
        if (v.data) received.push(v.data as T);
        settle();
      },
      error: (e) => {
        subError = e;
        ended = true;
        settle();
        acknowledged();
      },
      complete: () => {
        ended = true;
        settle();
        acknowledged();
      },
    },
  );
  await started;
  return sub;
}

/**
 * Waits for a condition (a row written, a delivery logged), checking it again and again; fails
 * after `ms`. The bound is a deadline for a broken system, never what a test asserts: generous (jest's
 * own limit is 240 s), because on a loaded 2-core machine a healthy platform has taken over 30 s to
 * relay and deliver what a test waits for.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what = 'the condition',
  ms = 90_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what} did not hold within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
