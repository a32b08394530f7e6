import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { asAdmin } from './client';
import { testState } from './state';

export interface Subscription<T> {
  /** payloads received so far, in order */
  received: T[];
  /** resolves once `n` payloads have arrived (rejects after `ms`) */
  waitFor(n: number, ms?: number): Promise<T[]>;
  /** the error the server ended the subscription with, if any */
  error: unknown;
  close(): Promise<void>;
}

/** A real graphql-ws client subscribed through the gateway's WebSocket endpoint. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read events of every shape; they name a type where it matters
export async function subscribe<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string | null; url?: string } = {},
): Promise<Subscription<T>> {
  const token = opts.token === undefined ? await asAdmin() : opts.token;
  const url = (opts.url ?? testState().gatewayUrl).replace(/^http/, 'ws');
  let connectError: unknown = null;
  const client: Client = createClient({
    url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (e) => { connectError ??= e; } },
  });
  const received: T[] = [];
  let subError: unknown = null;
  const waiters: { n: number; resolve: (v: T[]) => void }[] = [];
  const sub: Subscription<T> = {
    received,
    get error() { return subError ?? connectError; },
    waitFor(n, ms = 15_000) {
      if (received.length >= n) return Promise.resolve(received.slice(0, n));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${n} events after ${ms} ms; error: ${JSON.stringify(subError ?? connectError)}`)), ms);
        waiters.push({ n, resolve: (v) => { clearTimeout(timer); resolve(v); } });
      });
    },
    async close() {
      await client.dispose();
    },
  };
  const started = new Promise<void>((resolve) => {
    client.on('connected', () => resolve());
    client.on('closed', () => resolve());
  });
  client.subscribe<T>({ query, variables }, {
    next: (v) => {
      if (v.errors) subError = v.errors;
      if (v.data) received.push(v.data as T);
      for (const w of [...waiters]) if (received.length >= w.n) { waiters.splice(waiters.indexOf(w), 1); w.resolve(received.slice(0, w.n)); }
    },
    error: (e) => { subError = e; },
    complete: () => undefined,
  });
  await started;
  return sub;
}
