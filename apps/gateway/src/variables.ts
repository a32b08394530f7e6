import { GraphQLError, getVariableValues } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Variable values are coerced against the operation's definitions before the gateway plans it.
 * Apollo Gateway's executor coerces them itself and answers a failure as a 200 without a code (so
 * Apollo Server's own 400 for coercion errors never applies); here a wrong value is the caller's
 * mistake, answered 400 with `BAD_USER_INPUT` and every problem named, before any subgraph is asked.
 */
export function variableCoercion(): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, operation, request }) => {
        if (!operation) return;
        const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 20 });
        if (!errors?.length) return;
        throw new GraphQLError(errors.map((e) => e.message).join(' '), {
          nodes: errors[0].nodes,
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        });
      },
    }),
  };
}
