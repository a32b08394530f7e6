import gql from 'graphql-tag';
import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { typeOfId } from '@khg/domain';
import { DateTimeScalar, badInput, unauthenticated, type Caller } from '@khg/platform';
import { IMPORT_KINDS } from './kinds';
import { mayRead } from './route';
import type { ImportRecord, ImportStore } from './store';

/**
 * Query.import / Query.imports, served inside the gateway (like Query.export): the import records
 * live in the gateway's schema `imports`. Types as the contract's section `exchange` names them.
 */
export const IMPORTS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])

scalar DateTime

"""What a file imports (POST /imports/{kind in lower case with hyphens})."""
enum ImportKind { ${IMPORT_KINDS.join(' ')} }

"""VALIDATING → REJECTED (problems, nothing written) | VALIDATED (a dry run) | IMPORTING → COMPLETED | FAILED (nothing written; upload again)."""
enum ImportStatus { VALIDATING REJECTED VALIDATED IMPORTING COMPLETED FAILED }

"""A problem of an uploaded file: the spreadsheet's own row number (0: the file as a whole) and the column's header."""
type ImportProblem {
  row: Int!
  column: String
  message: String!
}

"""An uploaded file and what became of it. The same file (SHA-256) uploaded again for the same target is the same import."""
type Import {
  id: ID!
  kind: ImportKind!
  fileName: String!
  sha256: String!
  dryRun: Boolean!
  status: ImportStatus!
  """data rows in the file (blank rows not counted)"""
  rows: Int!
  """rows written: all of them once COMPLETED (the write is one transaction, so this moves from 0 to rows at once)"""
  rowsDone: Int!
  problemCount: Int!
  problems(first: Int = 100): [ImportProblem!]!
  """what was accepted but deserves a look (an unknown column ignored)"""
  warnings: [ImportProblem!]!
  createdAt: DateTime!
  finishedAt: DateTime
}

type Query {
  """Recent imports, newest first: ADMIN sees all; others what they or their organisation uploaded."""
  imports(kind: ImportKind, first: Int = 20): [Import!]!
  """An import by id (the Location of POST /imports/{kind}); null when unknown or not the caller's to see."""
  import(id: ID!): Import
}
`;

export function buildImportsSchema(store: ImportStore | null): GraphQLSchema {
  const need = () => {
    if (!store) throw badInput('Imports need the database (DATABASE_URL)');
    return store;
  };
  const resolvers = {
    DateTime: DateTimeScalar,
    Import: {
      problems: (r: ImportRecord, { first }: { first: number }) => r.problems.slice(0, Math.max(0, Math.min(first, 1000))),
    },
    Query: {
      import: async (_: unknown, { id }: { id: string }, ctx: { caller?: Caller }) => {
        if (!ctx.caller) throw unauthenticated();
        if (typeOfId(id) !== 'Import') throw badInput(`"${id}" is not an Import id (imp_…)`, { argument: 'id' });
        const r = await need().byId(id);
        return r && mayRead(ctx.caller, r) ? r : null;
      },
      imports: (_: unknown, a: { kind?: string | null; first: number }, ctx: { caller?: Caller }) => {
        if (!ctx.caller) throw unauthenticated();
        if (a.first < 0 || a.first > 200) throw badInput('first must be 0 to 200', { argument: 'first' });
        const admin = ctx.caller.role === 'ADMIN';
        return need().list({ kind: a.kind, first: a.first, ...(admin ? {} : { createdBy: ctx.caller.sub, createdByOrg: ctx.caller.orgId ?? null }) });
      },
    },
  };
  return buildSubgraphSchema({ typeDefs: gql(IMPORTS_SDL), resolvers: resolvers as never });
}
