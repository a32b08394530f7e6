import {
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { typeOfId } from '@khg/domain';
import type { EventRow } from './store';

/** The entity fields of DomainEvent and the root field that fetches many of them by id, in order. */
export const ENTITY_FIELDS = {
  member: { byIds: 'membersByIds', idType: 'Member' },
  donation: { byIds: 'donationsByIds', idType: 'Donation' },
  award: { byIds: 'awardsByIds', idType: 'Award' },
  learningModelEntry: { byIds: 'learningModelEntriesByIds', idType: 'LearningModelEntry' },
  inspection: { byIds: 'inspectionsByIds', idType: 'Inspection' },
} as const;
export type EntityField = keyof typeof ENTITY_FIELDS;

/** Which entity an event is about: its subject, or for a recommendation its inspection. */
export function entityOf(e: EventRow): { field: EntityField; id: string } | null {
  const t = typeOfId(e.subject_id);
  for (const [field, spec] of Object.entries(ENTITY_FIELDS) as [EntityField, (typeof ENTITY_FIELDS)[EntityField]][]) {
    if (spec.idType === t) return { field, id: e.subject_id };
  }
  if (t === 'Recommendation' && typeof e.payload.inspectionId === 'string') return { field: 'inspection', id: e.payload.inspectionId };
  return null;
}

interface Wanted {
  key: string;
  field: EntityField;
  selection: SelectionSetNode | undefined;
}

/** The entity fields the subscriber selected on DomainEvent (through fragments too), by response key. */
function wantedFields(info: GraphQLResolveInfo): Wanted[] {
  const out: Wanted[] = [];
  const walk = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD && sel.name.value in ENTITY_FIELDS) {
        out.push({ key: sel.alias?.value ?? sel.name.value, field: sel.name.value as EntityField, selection: sel.selectionSet });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        walk(info.fragments[sel.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return out;
}

export interface EntityPlan {
  /** builds one gateway operation fetching every wanted entity of these events */
  build(rows: EventRow[]): { document: string; variables: Record<string, unknown>; slots: { key: string; ids: (string | null)[] }[] } | null;
}

/**
 * Turns the subscriber's own selection into a query over the supergraph's `…ByIds` fields, so the
 * fields it asks on `member`, `donation`, … are planned by the gateway like any query (and may span
 * subgraphs), for a whole batch of events at once.
 */
export function planEntities(info: GraphQLResolveInfo, apiSchema: GraphQLSchema): EntityPlan {
  const query = apiSchema.getQueryType()?.getFields() ?? {};
  const wanted = wantedFields(info).filter((w) => ENTITY_FIELDS[w.field].byIds in query);
  const op = info.operation as OperationDefinitionNode;
  return {
    build(rows) {
      if (!wanted.length) return null;
      const variables: Record<string, unknown> = {};
      const slots: { key: string; ids: (string | null)[] }[] = [];
      const fields: FieldNode[] = wanted.map((w, i) => {
        const ids = rows.map((r) => {
          const e = entityOf(r);
          return e && e.field === w.field ? e.id : null;
        });
        const name = `k${i}`;
        variables[name] = [...new Set(ids.filter((x): x is string => !!x))];
        slots.push({ key: w.key, ids });
        return {
          kind: Kind.FIELD,
          alias: { kind: Kind.NAME, value: name },
          name: { kind: Kind.NAME, value: ENTITY_FIELDS[w.field].byIds },
          arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'ids' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } } }],
          selectionSet: w.selection ?? { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'id' } }] },
        } as FieldNode;
      });
      const selectionSet: SelectionSetNode = {
        kind: Kind.SELECTION_SET,
        selections: [...fields, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } } as FieldNode],
      };
      // Keep only the subscriber's fragments and variables that these selections use.
      const usedFragments = new Set<string>();
      const usedVariables = new Set<string>();
      const collect = (node: SelectionSetNode) =>
        visit(node, {
          FragmentSpread(n) {
            if (!usedFragments.has(n.name.value)) {
              usedFragments.add(n.name.value);
              const f = info.fragments[n.name.value];
              if (f) collect(f.selectionSet);
            }
          },
          Variable(n) {
            usedVariables.add(n.name.value);
          },
        });
      for (const f of fields) if (f.selectionSet) collect(f.selectionSet);
      const varDefs: VariableDefinitionNode[] = [
        ...(op.variableDefinitions ?? []).filter((v) => usedVariables.has(v.variable.name.value)),
        ...fields.map(
          (_, i) =>
            ({
              kind: Kind.VARIABLE_DEFINITION,
              variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: `k${i}` } },
              type: {
                kind: Kind.NON_NULL_TYPE,
                type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } } },
              },
            }) as VariableDefinitionNode,
        ),
      ];
      for (const v of usedVariables) if (!(v in variables)) variables[v] = info.variableValues[v];
      const doc: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [
          {
            kind: Kind.OPERATION_DEFINITION,
            operation: 'query' as never,
            name: { kind: Kind.NAME, value: 'DomainEventEntities' },
            variableDefinitions: varDefs,
            selectionSet,
          } as OperationDefinitionNode,
          ...[...usedFragments].map((n) => info.fragments[n]).filter((f): f is FragmentDefinitionNode => !!f),
        ],
      };
      return { document: print(doc), variables, slots };
    },
  };
}
