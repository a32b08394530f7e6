import { CALLER_HEADER, DomainError, signInternalCaller, type Caller } from '@khg/platform';

/**
 * Asks fundraising to erase the donor names it recorded against a member. Fundraising owns its
 * table, so membership calls its (non-public, `@inaccessible`) mutation over HTTP, signed as the
 * admin who asked, so fundraising checks the role and audits the change under that admin.
 */
export class DonorEraser {
  constructor(
    private readonly url: string | null,
    private readonly internalSecret: string,
  ) {}

  /** How many donations had their donor name erased (0 when there is no fundraising subgraph). */
  async erase(caller: Caller, memberId: string, reason: string): Promise<number> {
    if (!this.url) return 0;
    let body: { data?: { eraseDonorPersonalData?: number }; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: await signInternalCaller(this.internalSecret, caller, '1m') },
        body: JSON.stringify({
          query: 'mutation($memberId: ID!, $reason: String!) { eraseDonorPersonalData(memberId: $memberId, reason: $reason) }',
          variables: { memberId, reason },
        }),
        signal: AbortSignal.timeout(10_000),
      });
      body = (await res.json()) as typeof body;
    } catch (e) {
      throw unavailable(`fundraising could not be reached (${(e as Error).message})`);
    }
    const n = body.data?.eraseDonorPersonalData;
    if (typeof n !== 'number' || body.errors?.length) throw unavailable(body.errors?.[0]?.message ?? 'no answer');
    return n;
  }
}

const unavailable = (why: string) =>
  new DomainError('SERVICE_UNAVAILABLE', `Fundraising could not erase the donor names (${why}); the member's data was not erased. Retry the request.`, {
    retryable: true,
    serviceName: 'fundraising',
  });
