import type { GatewayContext } from './context';
import { LRUCache } from 'lru-cache';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import {
  GraphQLError,
  TypeInfo,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  parse,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type ValueNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/** The error code of every refused operation (docs/security.md): `extensions.limit` names which. */
export const LIMIT_CODE = 'OPERATION_LIMIT';

export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'first' | 'batch';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  maxFirst: number;
  /** the size assumed for a list field without `first` (and for `first` left to its default) */
  defaultListSize: number;
  /** operations in one HTTP batch; 0 turns batching off */
  maxBatch: number;
}

export class LimitError extends GraphQLError {
  constructor(
    readonly limit: LimitName,
    readonly max: number,
    message: string,
    actual?: number,
  ) {
    super(message, { extensions: { code: LIMIT_CODE, limit, max, ...(actual !== undefined ? { actual } : {}), http: { status: 400 } } });
  }
}

const what: Record<LimitName, string> = {
  depth: 'The operation is nested too deeply',
  aliases: 'The operation uses too many aliases',
  directives: 'The operation uses too many directives',
  tokens: 'The operation is too long',
  cost: 'The operation would cost too much',
  first: '`first` asks for too many items',
  batch: 'The batch holds too many operations',
};

export function limitError(limit: LimitName, max: number, actual?: number): LimitError {
  const seen = actual !== undefined ? ` (found ${actual})` : '';
  return new LimitError(limit, max, `${what[limit]}: the ${limit} limit is ${max}${seen}. Split it into smaller operations.`, actual);
}

/**
 * Depth, alias and directive limits are graphql-armor's validation rules. Their rejection callback
 * throws our LimitError, which ends validation at the first broken limit and names it.
 */
function armorRules(l: OperationLimits): ValidationRule[] {
  const reject = (limit: LimitName, max: number) => [
    (_ctx: unknown, err: GraphQLError) => {
      const found = /found (\d+)/.exec(err.message)?.[1];
      throw limitError(limit, max, found ? Number(found) : undefined);
    },
  ];
  return new ApolloArmor({
    maxDepth: { n: l.maxDepth, onReject: reject('depth', l.maxDepth), propagateOnRejection: false, ignoreIntrospection: true },
    maxAliases: { n: l.maxAliases, onReject: reject('aliases', l.maxAliases), propagateOnRejection: false },
    maxDirectives: { n: l.maxDirectives, onReject: reject('directives', l.maxDirectives), propagateOnRejection: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect().validationRules;
}

/** graphql-armor's masking of "Did you mean …" in every error message, for every caller. */
export function blockFieldSuggestions(): ApolloServerPlugin[] {
  return new ApolloArmor({
    blockFieldSuggestion: { enabled: true, mask: '' },
    costLimit: { enabled: false },
    maxAliases: { enabled: false },
    maxDepth: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
  }).protect().plugins as ApolloServerPlugin[];
}

export function maskSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .+\?/g, '');
}

/**
 * Lists whose length the data bounds, not the caller: the cost estimate counts them at this size
 * instead of the default list size (20), so a whole work plan with its child areas fits in one
 * query while every other list keeps the default. Keys are `Type.field`, or
 * `Type.field@Parent.field` for the list inside a given list field (the first match wins).
 * `'metrics'` is the number of PlanMetric values in the schema: a report's values and a task's
 * indicators (a metric appears at most once in a task) can never be longer.
 */
export const LIST_SIZE_HINTS: Record<string, number | 'metrics'> = {
  // the indicator's own metric, for each child area
  'AreaFigures.values@PlanIndicator.byArea': 1,
  'AreaFigures.values': 'metrics',
  'YearReport.values': 'metrics',
  'PlanTask.indicators': 'metrics',
  // task numbers are 1–99; plans have about seven (Hưng Yên's has seven)
  'WorkPlan.tasks': 10,
  // the child areas of a province or district: ten districts in the 2018 Hưng Yên; after the 2025
  // reform a province's communes are more, and such a report costs more than this estimate says
  'PlanIndicator.byArea': 12,
  'YearReport.byArea': 12,
};

const metricCounts = new WeakMap<GraphQLSchema, number>();
function metricCount(schema: GraphQLSchema): number {
  let n = metricCounts.get(schema);
  if (n === undefined) {
    const t = schema.getType('PlanMetric');
    n = isEnumType(t) ? t.getValues().length : 0;
    metricCounts.set(schema, n);
  }
  return n;
}

/** The list field each field sits in (`Type.field`), for the hints that depend on it; none inside a named fragment. */
function enclosingFields(schema: GraphQLSchema, doc: DocumentNode): WeakMap<FieldNode, string> {
  const out = new WeakMap<FieldNode, string>();
  const typeInfo = new TypeInfo(schema);
  const stack: string[] = [];
  visit(
    doc,
    visitWithTypeInfo(typeInfo, {
      FragmentDefinition: {
        enter: () => {
          stack.push('');
        },
        leave: () => {
          stack.pop();
        },
      },
      Field: {
        enter(node) {
          const parent = stack.at(-1);
          if (parent) out.set(node, parent);
          stack.push(`${typeInfo.getParentType()?.name ?? ''}.${node.name.value}`);
        },
        leave() {
          stack.pop();
        },
      },
    }),
  );
  return out;
}

function hintedListSize(schema: GraphQLSchema, coordinate: string, enclosing: string | undefined): number | undefined {
  const hint = (enclosing !== undefined ? LIST_SIZE_HINTS[`${coordinate}@${enclosing}`] : undefined) ?? LIST_SIZE_HINTS[coordinate];
  if (hint === undefined) return undefined;
  return hint === 'metrics' ? Math.max(metricCount(schema), 1) : hint;
}

const costVariableNames = new WeakMap<DocumentNode, readonly string[]>();

/**
 * The variables an operation's limits can depend on: those in `first` and `ids` arguments (the list
 * sizes the cost multiplies by) and in directive arguments (`@include(if:)`, `@skip(if:)` decide what
 * is counted). Every other variable, such as a mutation's `input`, cannot change the outcome, so the
 * checks of an operation are remembered across requests that differ only in those.
 */
export function costVariables(doc: DocumentNode): readonly string[] {
  let names = costVariableNames.get(doc);
  if (names) return names;
  const found = new Set<string>();
  const collect = (value: ValueNode) => {
    visit(value, { Variable: (v) => void found.add(v.name.value) });
  };
  visit(doc, {
    Field(f) {
      for (const a of f.arguments ?? []) if (a.name.value === 'first' || a.name.value === 'ids') collect(a.value);
    },
    Directive(d) {
      for (const a of d.arguments ?? []) collect(a.value);
    },
  });
  names = [...found].sort();
  costVariableNames.set(doc, names);
  return names;
}

/**
 * Checks an operation against every limit; throws the first LimitError. Runs before execution, so
 * before any subgraph is called, and for subscriptions in graphql-ws's onSubscribe.
 */
export class OperationGuard {
  private readonly rules: ValidationRule[];
  private readonly passed = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Set<string>>>();
  /** texts already parsed within the token limit: the same dashboard query is not parsed twice */
  private readonly withinTokenLimit = new LRUCache<string, true>({ max: 2000, maxSize: 20_000_000, sizeCalculation: (_v, k) => k.length + 1 });

  constructor(readonly limits: OperationLimits) {
    this.rules = armorRules(limits);
  }

  /** The token limit, on the raw text, before anything else parses it. */
  parse(query: string): DocumentNode {
    try {
      return parse(query, { maxTokens: this.limits.maxTokens });
    } catch (e) {
      if (e instanceof GraphQLError && /more tha[nt] \d+ tokens/.test(e.message)) throw limitError('tokens', this.limits.maxTokens);
      throw e;
    }
  }

  checkTokens(query: unknown): void {
    if (typeof query !== 'string' || this.withinTokenLimit.has(query)) return;
    try {
      this.parse(query);
      this.withinTokenLimit.set(query, true);
    } catch (e) {
      if (e instanceof LimitError) throw e;
      // syntax errors are Apollo's to report, with their usual code
    }
  }

  check(schema: GraphQLSchema, doc: DocumentNode, variables?: Record<string, unknown>, operationName?: string | null): void {
    // Apollo hands the same DocumentNode for the same text, so an operation already within every
    // limit with these variables is not walked again (the walks cost more than a cached answer; for
    // writes, whose inputs all differ, they were a tenth of the gateway's time per mutation).
    const key = `${operationName ?? ''}\n${JSON.stringify(costVariables(doc).map((name) => variables?.[name] ?? null))}`;
    let passed = this.passed.get(schema)?.get(doc);
    if (passed?.has(key)) return;
    this.checkNow(schema, doc, variables, operationName);
    if (!this.passed.has(schema)) this.passed.set(schema, new WeakMap());
    if (!passed || passed.size >= 256) this.passed.get(schema)!.set(doc, (passed = new Set()));
    passed.add(key);
  }

  private checkNow(schema: GraphQLSchema, doc: DocumentNode, variables?: Record<string, unknown>, operationName?: string | null): void {
    validate(schema, doc, this.rules);
    const { maxFirst, defaultListSize, maxCost } = this.limits;
    // Cost: one per field, and a list field multiplies its selection by `first` (or by the default
    // list size when it has none), so `members(first: 100) { memberships { … } }` counts 100 × lists.
    // Lists the data bounds (LIST_SIZE_HINTS) count at their hinted size.
    const enclosing = enclosingFields(schema, doc);
    const listEstimator: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
      const first = typeof args.first === 'number' ? args.first : undefined;
      if (first !== undefined && first > maxFirst) throw limitError('first', maxFirst, first);
      const ids = Array.isArray(args.ids) ? args.ids.length : undefined;
      const list = isListType(getNullableType(field.type));
      const connection = !list && 'edges' in ((getNamedType(field.type) as { getFields?: () => object }).getFields?.() ?? {});
      if (first !== undefined) return 1 + childComplexity * Math.max(first, 1);
      if (ids !== undefined) return 1 + childComplexity * Math.max(ids, 1);
      if (list) return 1 + childComplexity * (hintedListSize(schema, `${type.name}.${field.name}`, enclosing.get(node)) ?? defaultListSize);
      if (connection) return 1 + childComplexity * defaultListSize;
      return undefined;
    };
    let cost: number;
    try {
      cost = getComplexity({
        schema,
        query: doc,
        variables,
        operationName: operationName ?? undefined,
        estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
      });
    } catch (e) {
      if (e instanceof LimitError) throw e;
      return; // bad variable values: execution reports them with their usual code
    }
    if (cost > maxCost) throw limitError('cost', maxCost, cost);
  }

  /** Apollo Server plugin: checks after the operation is resolved, before the gateway plans it. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ schema, document, request, operationName, contextValue }) => {
          // the gateway's own fixed documents (export pages, import writes) are bounded by their code, not by a caller
          if ((contextValue as Partial<GatewayContext>).internal) return;
          this.check(schema, document, request.variables ?? undefined, operationName);
        },
      }),
    };
  }
}
