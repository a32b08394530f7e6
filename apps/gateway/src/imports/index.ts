import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@khg/platform';
import type { CallerAuthenticator } from '../caller';
import type { GatewayConfig } from '../config';
import type { GatewayContext } from '../context';
import type { Route } from '../routes';
import { importRoute } from './route';
import { ImportRunner } from './runner';
import { ImportStore } from './store';

export const IMPORTS_SERVICE = 'imports';
/** Largest upload: 100,000 members are about 5 MB as .xlsx, 10 MB as CSV. */
const MAX_FILE_BYTES = 64_000_000;

export { IMPORTS_SDL, buildImportsSchema } from './schema';

/** The imports store in the gateway's schema `imports`, or null without a database. */
export function importStore(config: GatewayConfig, log: Logger): ImportStore | null {
  return config.DATABASE_URL ? new ImportStore(config.DATABASE_URL, log) : null;
}

export function importsRoute(
  config: GatewayConfig,
  store: ImportStore | null,
  apollo: ApolloServer<GatewayContext>,
  auth: CallerAuthenticator,
  log: Logger,
  written: (service: string) => void,
): Route {
  const target = { urlOf: (service: string) => config.subgraphUrls[service], written };
  const runner = store ? new ImportRunner(store, apollo, config.INTERNAL_SECRET, log, target) : null;
  return importRoute({ store, runner, auth, maxFileBytes: MAX_FILE_BYTES, log });
}
