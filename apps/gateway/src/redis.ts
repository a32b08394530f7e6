import { createClient } from 'redis';
import type { Logger } from '@khg/platform';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * The connection every replica shares limits and APQ documents through. Commands fail at once while
 * it is down (no offline queue), so callers fall back instead of waiting; it reconnects by itself.
 * Start does not wait longer than `waitMs` for Redis: a gateway that can serve should not stay down
 * because a cache is.
 */
export async function connectRedis(url: string, log: Logger, waitMs = 5000): Promise<RedisClient> {
  const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) } });
  let down = false;
  client.on('error', (e: Error) => {
    if (!down) log.warn({ err: e.message }, 'Redis unreachable: rate limits fall back to this replica’s memory, APQ to resending the text');
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info('Redis reachable again: shared rate limits and APQ resume');
    down = false;
  });
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  const timer = new Promise<boolean>((r) => setTimeout(() => r(false), waitMs).unref());
  if (!(await Promise.race([connected, timer])))
    log.warn({ url: redactedUrl(url) }, 'Redis not reachable at start; serving, and reconnecting in the background');
  return client;
}

/** A URL without its password, for logs. */
const redactedUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
