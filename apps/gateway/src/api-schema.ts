import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extendSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { subscriptionSdl } from './events/subscriptions';

/**
 * The schema clients see: the supergraph's API part (no join/link machinery, no @inaccessible) plus
 * the subscription API the gateway serves itself (events/subscriptions.ts), printed. `@khg/client`
 * builds its schema.graphql from it, so typed operations and the breaking-change check cover
 * exactly what the gateway answers, subscriptions included.
 */
export function apiSchemaSdl(supergraphSdl: string = readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8')): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const withSubscriptions = extendSchema(api, parse(subscriptionSdl(api)), { assumeValidSDL: true });
  // Sorted, so the file's diff shows what changed, not where composition happened to put it.
  return `${printSchema(lexicographicSortSchema(withSubscriptions))}\n`;
}
