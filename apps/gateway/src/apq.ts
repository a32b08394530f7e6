import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import type { RedisClient } from './redis';

/**
 * APQ documents in Redis, shared by every gateway replica: a hash registered through one replica is
 * found by the others. When Redis cannot answer, Keyv reports a miss and the client resends the
 * text (the APQ protocol's own recovery), so an outage costs bytes, not errors.
 */
export function apqCache(client: RedisClient): KeyValueCache<string> {
  const keyv = new Keyv<string>({ store: new KeyvRedis(client), namespace: 'khg-apq', throwOnErrors: false });
  // Keyv emits store errors as events; unheard, an 'error' event would end the process.
  keyv.on('error', () => undefined);
  return new KeyvAdapter(keyv);
}
