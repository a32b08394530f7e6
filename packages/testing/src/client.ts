import { Role } from '@khg/domain';
import { signUserToken, type Caller } from '@khg/platform';
import { testState } from './state';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

/** A token for the test platform, as `npm run token` would print. */
export function tokenFor(caller: Partial<Caller> & { role: Role }): Promise<string> {
  return signUserToken(testState().jwtSecret, { sub: caller.sub ?? `test-${caller.role.toLowerCase()}`, ...caller });
}

let adminToken: Promise<string> | null = null;
export const asAdmin = () => (adminToken ??= tokenFor({ role: Role.ADMIN, sub: 'test-admin' }));

/** Posts one operation to the gateway over real HTTP. `token: null` sends none. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of every shape; they name a type where it matters
export async function graph<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string | null; url?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResult<T>> {
  const token = opts.token === undefined ? await asAdmin() : opts.token;
  const res = await fetch(opts.url ?? testState().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResult<T>, 'status'>;
  return { status: res.status, ...body };
}

/** Like `graph`, but fails the test on any error and returns the data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of every shape; they name a type where it matters
export async function graphOk<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string | null } = {},
): Promise<T> {
  const r = await graph<T>(query, variables, opts);
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors ?? r)}`);
  return r.data;
}

/** The codes of a result's errors, for `expect(codes(r)).toEqual(['CONFLICT'])`. */
export const codes = (r: GraphQLResult<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);
