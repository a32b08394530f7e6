import { Role } from '@khg/domain';
import { CALLER_HEADER, signInternalCaller } from './auth';
import { DomainError } from './errors';

/**
 * One subgraph asking another over HTTP, as a service the gateway would vouch for (an ADMIN caller
 * signed with INTERNAL_SECRET, named `service:<asker>`). Another subgraph's data is read through its
 * API, never its tables. A target that does not answer now fails the request with a retryable
 * SERVICE_UNAVAILABLE (nothing was changed), never an internal error.
 */
export class InternalGraphClient {
  private header: { value: string; until: number } | null = null;

  constructor(
    private readonly url: string,
    private readonly internalSecret: string,
    /** the asking subgraph */
    private readonly service: string,
    /** the subgraph asked, as its name reads in messages */
    private readonly target: string,
  ) {}

  private unavailable(why: string): DomainError {
    const name = this.target.charAt(0).toUpperCase() + this.target.slice(1);
    return new DomainError('SERVICE_UNAVAILABLE', `${name} is briefly unavailable (${why}); nothing was changed. Retry the request.`, {
      retryable: true,
      serviceName: this.target,
    });
  }

  private async callerHeader(): Promise<string> {
    if (this.header && this.header.until > Date.now()) return this.header.value;
    const value = await signInternalCaller(this.internalSecret, { sub: `service:${this.service}`, role: Role.ADMIN }, '5m');
    this.header = { value, until: Date.now() + 240_000 };
    return value;
  }

  async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: await this.callerHeader() },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw this.unavailable(`${this.target} could not be reached (${(e as Error).message})`);
    }
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (!body.data || body.errors?.length) {
      // The target answering "unavailable" (its database restarting) is as retryable as not answering.
      if (!res.ok || body.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE'))
        throw this.unavailable(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
      throw new Error(`${this.target} (asked by ${this.service}): ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
    }
    return body.data;
  }
}
