import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context';

export interface Safelist {
  roles: Set<string>;
  /** sha256 (hex) of each registered operation's text: the same hash APQ uses */
  hashes: Set<string>;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The registered operations: a JSON array of operation texts or their sha256 hashes. Roles named
 * in `roles` (e.g. DEPARTMENT) may run only these; other roles are not affected.
 */
export function loadSafelist(path: string | undefined, roles: string): Safelist | null {
  const names = roles.split(',').map((r) => r.trim()).filter(Boolean);
  if (!path || names.length === 0) return null;
  const entries = JSON.parse(readFileSync(path, 'utf8')) as string[];
  if (!Array.isArray(entries)) throw new Error(`SAFELIST_PATH ${path} must hold a JSON array of operations or hashes`);
  return { roles: new Set(names), hashes: new Set(entries.map((e) => (/^[0-9a-f]{64}$/.test(e) ? e : sha256(e)))) };
}

export function safelistPlugin(list: Safelist): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ contextValue, source }) => {
        if (!list.roles.has(contextValue.caller.role)) return;
        if (list.hashes.has(sha256(source))) return;
        throw new GraphQLError(`The role ${contextValue.caller.role} may run only registered operations; this one is not registered`, {
          extensions: { code: 'OPERATION_NOT_REGISTERED', http: { status: 403 } },
        });
      },
    }),
  };
}
