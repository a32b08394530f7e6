import {
  GraphQLError,
  Kind,
  execute,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { coercionFailure } from './variables';

const META = new Set(['__schema', '__type', '__typename']);

/** An operation that asks only about the schema (what Playground and codegen send). */
export function introspectionOnly(query: unknown, operationName?: unknown): DocumentNode | null {
  if (typeof query !== 'string' || (!query.includes('__schema') && !query.includes('__type'))) return null;
  let doc: DocumentNode;
  try {
    doc = parse(query);
  } catch {
    return null;
  }
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = ops.find((o) => !operationName || o.name?.value === operationName) ?? ops[0];
  if (!op || op.operation !== 'query') return null;
  const topLevel = op.selectionSet.selections;
  return topLevel.every((s) => s.kind === Kind.FIELD && META.has(s.name.value)) ? doc : null;
}

/**
 * Apollo Gateway answers introspection from its API schema, which has no Subscription type; answering
 * it from the combined schema makes the subscription API discoverable in Playground and codegen.
 * Errors carry the codes a query through Apollo gets: `GRAPHQL_VALIDATION_FAILED` (answered without
 * data), and variables that do not fit thrown as 400 `BAD_USER_INPUT`, not left to `execute`, which
 * would answer them without a code.
 */
export function introspect(schema: GraphQLSchema, doc: DocumentNode, variables: Record<string, unknown> | undefined, operationName?: string): ExecutionResult {
  const errors = validate(schema, doc);
  if (errors.length) return { errors: errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) };
  const failure = coercionFailure(schema, getOperationAST(doc, operationName)?.variableDefinitions, variables);
  if (failure) throw failure;
  return execute({ schema, document: doc, variableValues: variables, operationName }) as ExecutionResult;
}
