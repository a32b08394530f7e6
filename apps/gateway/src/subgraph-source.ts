import { LocalGraphQLDataSource, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, REQUEST_ID_HEADER, formatError, type Logger } from '@khg/platform';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

interface Shared {
  response: Promise<SubgraphResponse>;
  /** requests still to take the answer: all but the last get a copy (the gateway merges into it) */
  waiting: number;
}

export const sharingStats = { fetches: 0, shared: 0 };

const isQuery = (text: string | undefined) => !!text && /^\s*(query\b|\{)/.test(text);

function noteTouched(options: GraphQLDataSourceProcessOptions<GatewayContext>, service: string): void {
  // health checks and schema loads carry no request context, hence no `touched`
  (options.context as Partial<GatewayContext>).touched?.add(service);
}

/**
 * Forwards the verified caller and the request id to every subgraph fetch; bounds each fetch by a
 * timeout; turns a failed fetch into an error that names the unavailable service (the gateway then
 * answers with the other services' data: partial results, never a hang). Identical read fetches in
 * flight at once (same operation, variables and caller) share one subgraph request: sixteen
 * dashboards opened together cost the subgraphs one.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly inflight = new Map<string, Shared>();

  constructor(
    private readonly serviceName: string,
    url: string,
    timeoutMs: number,
    private readonly share: boolean,
  ) {
    super({
      url,
      fetcher: ((input: string, init?: RequestInit) =>
        fetch(input, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
        })) as never,
    });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    noteTouched(options, this.serviceName);
    sharingStats.fetches++;
    const { request } = options;
    const caller = (options.context as Partial<GatewayContext>).callerHeader;
    if (!this.share || !caller || !isQuery(request.query)) return super.process(options);
    const key = `${caller}\n${request.operationName ?? ''}\n${request.query}\n${JSON.stringify(request.variables ?? null)}`;
    let shared = this.inflight.get(key);
    if (shared) {
      sharingStats.shared++;
      shared.waiting++;
    } else {
      const response = super.process(options);
      shared = { response, waiting: 1 };
      this.inflight.set(key, shared);
      // Registered first, so later requests start their own fetch once this answer is in.
      response.then(
        () => this.inflight.delete(key),
        () => this.inflight.delete(key),
      );
    }
    const entry = shared;
    const response = await entry.response;
    return --entry.waiting === 0 ? response : { ...structuredClone({ ...response, http: undefined }), http: response.http };
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (context?.callerHeader) request.http?.headers.set(CALLER_HEADER, context.callerHeader);
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    const timedOut = error.name === 'TimeoutError' || /timeout|aborted/i.test(error.message);
    throw new GraphQLError(
      timedOut
        ? `The ${this.serviceName} service did not answer in time; the rest of the data is complete`
        : `The ${this.serviceName} service is unavailable; the rest of the data is complete`,
      { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName, retryable: true } },
    );
  }
}

/**
 * The gateway's own events subgraph (webhooks), noted like the remote ones, and its errors formatted
 * as a remote subgraph's are: the platform's formatError maps its DomainErrors to their codes and
 * hides anything unexpected (logged here with the request id).
 */
export class LocalSubgraphDataSource extends LocalGraphQLDataSource<GatewayContext> {
  constructor(
    schema: ConstructorParameters<typeof LocalGraphQLDataSource>[0],
    private readonly serviceName: string,
    private readonly log: Logger,
  ) {
    super(schema);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    noteTouched(options, this.serviceName);
    const result = await super.process(options);
    if (!result.errors?.length) return result;
    const requestId = (options.context as Partial<GatewayContext> | undefined)?.requestId;
    const internal = (e: unknown) =>
      this.log.error({ err: { message: (e as Error)?.message, name: (e as Error)?.name }, requestId, service: this.serviceName }, 'subgraph resolver failed');
    const format = (e: GraphQLFormattedError): GraphQLFormattedError => formatError(e instanceof GraphQLError ? e.toJSON() : e, e, internal);
    return { ...result, errors: result.errors.map(format) };
  }
}
