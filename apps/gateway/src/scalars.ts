import { isScalarType, type GraphQLSchema, type ValueNode } from 'graphql';
import { DateScalar, DateTimeScalar, VndScalar } from '@khg/platform';

/**
 * The supergraph knows our custom scalars only by name, so the gateway would pass `amount: 1000.5`
 * on to a subgraph. Giving its scalar types our validation refuses bad values up front as
 * BAD_USER_INPUT. They validate but keep the value as sent, so what subgraphs receive is unchanged.
 */
export function enforceCustomScalars(schema: GraphQLSchema): void {
  for (const impl of [DateScalar, DateTimeScalar, VndScalar]) {
    const type = schema.getType(impl.name);
    if (!isScalarType(type)) continue;
    type.parseValue = (value: unknown) => {
      impl.parseValue(value);
      return value;
    };
    type.parseLiteral = (ast: ValueNode, variables?: Record<string, unknown> | null) => {
      impl.parseLiteral(ast, variables);
      return 'value' in ast ? (ast.kind === 'IntValue' ? Number(ast.value) : ast.value) : undefined;
    };
  }
}
