import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** The error codes of the public API (see docs/architecture.md). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'PERSONAL_DATA' | 'SERVICE_UNAVAILABLE';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

/**
 * A rule of the domain was broken. Services throw these, transport-free; `formatError` is the one
 * place that turns them into GraphQL errors with `extensions.code`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new DomainError('BAD_USER_INPUT', message, details);
export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} does not exist`, { id });
export const conflict = (message: string, details?: Record<string, unknown>) => new DomainError('CONFLICT', message, details);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in: send "Authorization: Bearer <token>"') => new DomainError('UNAUTHENTICATED', message);

/** The GraphQL form of a domain error, for places (context, plugins) that answer before resolvers. */
export function toGraphQLError(e: DomainError): GraphQLError {
  const status = HTTP_STATUS[e.code];
  return new GraphQLError(e.message, {
    extensions: { code: e.code, ...(e.details ?? {}), ...(status ? { http: { status } } : {}) },
  });
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_FK_VIOLATION = '23503';
const PG_EXCLUSION_VIOLATION = '23P01';
const PG_SERIALIZATION = ['40001', '40P01'];

interface PgLikeError {
  code?: string;
  detail?: string;
  driverError?: { code?: string; detail?: string };
}

function pgCode(e: unknown): string | undefined {
  const err = e as PgLikeError;
  return err?.driverError?.code ?? err?.code;
}

/**
 * Apollo Server's `formatError`: domain errors keep their code and message; database constraint
 * errors become CONFLICT / BAD_USER_INPUT; anything unexpected is logged by the caller and shown
 * as an opaque internal error, never with its SQL or stack.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, onInternal?: (e: unknown) => void): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const validation = validationProblems(original);
  if (validation) return { ...formatted, ...validation };
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { ...(original.details ?? {}), code: original.code } };
  }
  const code = pgCode(original);
  if (code === PG_UNIQUE_VIOLATION || code === PG_EXCLUSION_VIOLATION) {
    return { ...formatted, message: 'This record already exists (a unique rule was broken); nothing was changed.', extensions: { code: 'CONFLICT' } };
  }
  if (code === PG_FK_VIOLATION) {
    return { ...formatted, message: 'A referenced record does not exist; nothing was changed.', extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (code && PG_SERIALIZATION.includes(code)) {
    return { ...formatted, message: 'The change collided with another one and was not made; retry it.', extensions: { code: 'CONFLICT', retryable: true } };
  }
  if (isConnectionLoss(original)) {
    // The database went away mid-request (restart, failover): the transaction did not commit.
    return {
      ...formatted,
      message: 'The database is briefly unavailable; nothing was changed. Retry the request.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    };
  }
  const existing = formatted.extensions?.code;
  if (existing && existing !== 'INTERNAL_SERVER_ERROR') return formatted;
  onInternal?.(original);
  return {
    message: 'Internal error; it has been logged.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

const PG_CONNECTION_CLASSES = ['08', '57']; // connection exception; operator intervention (admin shutdown)
// TypeORM releases a transaction's runner when its connection dies; the next statement or the COMMIT
// then fails before reaching the server ("Query runner already released", or, from a query made through
// the transaction's manager, "…provided by a query runner was already released"), so nothing was committed.
const CONNECTION_MESSAGES =
  /Connection terminated|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket has been ended|Client was closed|terminating connection|Client has encountered a connection error|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Query runner already released|query runner was already released/i;

/** True when a query failed because the connection to PostgreSQL was lost or could not be made. */
export function isConnectionLoss(e: unknown): boolean {
  const code = pgCode(e);
  if (code && PG_CONNECTION_CLASSES.includes(code.slice(0, 2))) return true;
  const message = (e as Error)?.message ?? '';
  return CONNECTION_MESSAGES.test(message) || CONNECTION_MESSAGES.test(String((e as { driverError?: Error })?.driverError?.message ?? ''));
}

interface ClassValidatorError {
  property: string;
  constraints?: Record<string, string>;
  children?: ClassValidatorError[];
}

/**
 * type-graphql's argument validation error echoes the whole input (personal data, and bigints that
 * cannot be serialised): keep only which field broke which rule, in words a person can act on.
 */
function validationProblems(e: unknown): Pick<GraphQLFormattedError, 'message' | 'extensions'> | null {
  const list = (e as { extensions?: { validationErrors?: ClassValidatorError[] } })?.extensions?.validationErrors;
  if (!Array.isArray(list)) return null;
  const problems: { field: string; message: string }[] = [];
  const walk = (errs: ClassValidatorError[], prefix: string) => {
    for (const v of errs) {
      const field = prefix ? `${prefix}.${v.property}` : v.property;
      for (const m of Object.values(v.constraints ?? {})) problems.push({ field, message: m });
      if (v.children?.length) walk(v.children, field);
    }
  };
  walk(list, '');
  return {
    message: problems.length ? `Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}` : 'Invalid input',
    extensions: { code: 'BAD_USER_INPUT', problems },
  };
}
