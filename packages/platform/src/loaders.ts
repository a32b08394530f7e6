import DataLoader from 'dataloader';

/**
 * A per-request loader of one record per key: `fetch` answers any subset in any order, the loader
 * returns them in key order with null for the missing ones.
 */
export function keyedLoader<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V>();
      for (const row of rows) byKey.set(keyOf(row), row);
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

/** A per-request loader of many records per key (one-to-many), each key's rows in fetch order. */
export function groupedLoader<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V[]>();
      for (const row of rows) {
        const k = keyOf(row);
        const list = byKey.get(k);
        if (list) list.push(row);
        else byKey.set(k, [row]);
      }
      return keys.map((k) => byKey.get(k) ?? []);
    },
    { maxBatchSize: 1000 },
  );
}

/** A per-request loader keyed by a composite value (e.g. id + year), batched on its string form. */
export function compositeLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (v: V) => string,
  keyString: (k: K) => string,
): DataLoader<K, V | null, string> {
  return new DataLoader<K, V | null, string>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<string, V>();
      for (const row of rows) byKey.set(keyOf(row), row);
      return keys.map((k) => byKey.get(keyString(k)) ?? null);
    },
    { cacheKeyFn: keyString, maxBatchSize: 1000 },
  );
}

/** A per-request one-to-many loader keyed by a composite value (e.g. parent id + date). */
export function groupedCompositeLoader<K, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  groupOf: (v: V) => string,
  keyString: (k: K) => string,
): DataLoader<K, V[], string> {
  return new DataLoader<K, V[], string>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<string, V[]>();
      for (const row of rows) {
        const k = groupOf(row);
        const list = byKey.get(k);
        if (list) list.push(row);
        else byKey.set(k, [row]);
      }
      return keys.map((k) => byKey.get(keyString(k)) ?? []);
    },
    { cacheKeyFn: keyString, maxBatchSize: 1000 },
  );
}

export { DataLoader };
