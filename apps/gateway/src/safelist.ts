import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GatewayContext } from './context';

export interface Safelist {
  roles: Set<string>;
  /** sha256 (hex) of each registered operation's text: the same hash APQ uses */
  hashes: Set<string>;
  /** the texts the list carries, by hash (a trusted documents manifest has them; a list of bare hashes does not) */
  documents: Map<string, string>;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const HASH = /^[0-9a-f]{64}$/;

/**
 * The registered operations, in either form:
 * - a JSON array of operation texts or their sha256 hashes;
 * - a trusted documents manifest, `{ "<sha256>": "<text>" }`, as `@khg/client`'s build writes it
 *   (packages/client/trusted-documents.json; GraphQL Code Generator's persisted documents).
 * Roles named in `roles` (e.g. DEPARTMENT) may run only these; other roles are not affected.
 */
export function loadSafelist(path: string | undefined, roles: string): Safelist | null {
  const names = roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (!path || names.length === 0) return null;
  const entries = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const documents = new Map<string, string>();
  const hashes = new Set<string>();
  if (Array.isArray(entries)) {
    for (const e of entries) {
      if (typeof e !== 'string') throw new Error(`SAFELIST_PATH ${path}: every entry must be an operation text or its sha256 hash`);
      const hash = HASH.test(e) ? e : sha256(e);
      hashes.add(hash);
      if (hash !== e) documents.set(hash, e);
    }
  } else if (entries && typeof entries === 'object') {
    for (const [hash, text] of Object.entries(entries)) {
      // A manifest hashed another way (sha1, another printing) would register nothing a client sends: say so at start.
      if (typeof text !== 'string' || sha256(text) !== hash) throw new Error(`SAFELIST_PATH ${path}: the entry ${hash} is not the sha256 of its document`);
      hashes.add(hash);
      documents.set(hash, text);
    }
  } else {
    throw new Error(`SAFELIST_PATH ${path} must hold a JSON array of operations or hashes, or a {"<sha256>": "<document>"} manifest`);
  }
  return { roles: new Set(names), hashes, documents };
}

/**
 * Apollo Server's persisted-query cache, answered first from the list's documents: a client may send
 * a trusted document by its hash alone (`extensions.persistedQuery`, also by GET) without
 * registering it first, on any replica, after any restart. Other hashes are ordinary APQ.
 */
export function trustedDocumentsCache(list: Safelist, apq: KeyValueCache<string> = new InMemoryLRUCache<string>()): KeyValueCache<string> {
  const trusted = (key: string) => (key.startsWith('apq:') ? list.documents.get(key.slice(4)) : undefined);
  return {
    get: async (key) => trusted(key) ?? apq.get(key),
    set: (key, value, options) => apq.set(key, value, options),
    delete: (key) => apq.delete(key),
  };
}

export function safelistPlugin(list: Safelist): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ contextValue, source }) => {
        // A subscription's entity fetch is the gateway's own query for a subscription the caller sent over WebSocket.
        if (contextValue.internal || !list.roles.has(contextValue.caller.role)) return;
        if (list.hashes.has(sha256(source))) return;
        throw new GraphQLError(`The role ${contextValue.caller.role} may run only registered operations; this one is not registered`, {
          extensions: { code: 'OPERATION_NOT_REGISTERED', http: { status: 403 } },
        });
      },
    }),
  };
}
