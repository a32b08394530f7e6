import { TypeInfo, visit, visitWithTypeInfo, getNamedType, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context';
import type { ResponseCache } from './response-cache';

/**
 * Fields whose every read is recorded by the subgraph that owns them (who read whose phone number
 * or birth year, docs/security.md). An answer holding one is cached per reader (token subject):
 * another caller with the same role must reach the subgraph, so that its read is recorded too.
 */
const RECORDED_READS = new Set(['Member.phone', 'Member.birthYear', 'Query.personalData']);

export function readsRecordedFields(schema: GraphQLSchema, document: DocumentNode): boolean {
  const info = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        if (parent && RECORDED_READS.has(`${getNamedType(parent).name}.${node.name.value}`)) found = true;
      },
    }),
  );
  return found;
}

/** Re-keys the cache ticket of an operation that reads a recorded personal field to its reader. */
export function personalReadsPerReader(cache: ResponseCache): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ document, schema, contextValue, request }) => {
        const ticket = contextValue.cacheTicket;
        if (!ticket || !readsRecordedFields(schema, document)) return;
        const scoped = cache.perReaderTicket(request, contextValue.caller, ticket.asOf);
        if (scoped) contextValue.cacheTicket = scoped;
        else delete contextValue.cacheTicket;
      },
    }),
  };
}
