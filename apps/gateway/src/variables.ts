import { GraphQLError, getVariableValues, type GraphQLSchema, type VariableDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/** The caller's variable values against the operation's definitions: every problem named in one `BAD_USER_INPUT` (400), or null when they fit. */
export function coercionFailure(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[] | undefined,
  values: Record<string, unknown> | null | undefined,
): GraphQLError | null {
  const { errors } = getVariableValues(schema, definitions ?? [], values ?? {}, { maxErrors: 20 });
  if (!errors?.length) return null;
  return new GraphQLError(errors.map((e) => e.message).join(' '), {
    nodes: errors[0].nodes,
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * Variable values are coerced against the operation's definitions before the gateway plans it.
 * Apollo Gateway's executor coerces them itself and answers a failure as a 200 without a code (so
 * Apollo Server's own 400 for coercion errors never applies); here a wrong value is the caller's
 * mistake, answered 400 with `BAD_USER_INPUT` and every problem named, before any subgraph is asked.
 * (Introspection-only documents never reach Apollo: `introspect` applies the same rule.)
 */
export function variableCoercion(): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, operation, request }) => {
        if (!operation) return;
        const failure = coercionFailure(schema, operation.variableDefinitions, request.variables);
        if (failure) throw failure;
      },
    }),
  };
}
