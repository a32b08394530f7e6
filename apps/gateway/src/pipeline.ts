import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ApolloServer } from '@apollo/server';
import { BodyTooLargeError, readJsonBody, runApollo, type Logger } from '@khg/platform';
import type { CallerAuthenticator } from './caller';
import type { Check } from './checks';
import type { GatewayContext } from './context';
import { inRequestScope, reportError, type RequestScope } from './error-report';
import { sendGraphQL } from './media';
import { GraphQLHttpRequest, requestIdOf } from './request-context';

export interface PipelineOptions {
  apollo: ApolloServer<GatewayContext>;
  auth: CallerAuthenticator;
  /** run in order before Apollo; the first that answers ends the request */
  checks: readonly Check[];
  bodyLimit: number;
  draining: () => boolean;
  log: Logger;
}

/**
 * The GraphQL endpoint over HTTP: refuse while draining, read the body within its limit, run the
 * checks, then hand the request to Apollo (CSRF prevention, operation limits, safelist, execution).
 */
export function graphqlPipeline(o: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (o.draining()) {
      res.setHeader('connection', 'close');
      return sendGraphQL(req, res, 503, {
        errors: [{ message: 'The gateway is shutting down; retry on another replica', extensions: { code: 'SHUTTING_DOWN', retryable: true } }],
      });
    }
    const scope: RequestScope = { requestId: requestIdOf(req) };
    // A GET's operation is in its query string; whatever body it came with is not read.
    (req.method === 'GET' ? Promise.resolve(undefined) : readJsonBody(req, o.bodyLimit))
      .then(async (body) => {
        const r = new GraphQLHttpRequest(req, res, scope.requestId, body, o.auth);
        if (typeof r.operation?.operationName === 'string') scope.operationName = r.operation.operationName;
        for (const check of o.checks) if (await check(r)) return;
        // Apollo's formatError reports each error with this scope (error-report.ts).
        await inRequestScope(scope, () => runApollo(o.apollo, req, res, body, () => r.apolloContext()));
      })
      .catch((e: Error) => answerFailure(req, res, e, scope, o));
  };
}

/** The answer to a request that failed before or around Apollo, reported by its cause. */
function answerFailure(req: IncomingMessage, res: ServerResponse, e: Error, scope: RequestScope, o: PipelineOptions): void {
  if (res.headersSent) {
    o.log.error(
      { requestId: scope.requestId, operationName: scope.operationName ?? null, err: { message: e.message, name: e.name } },
      'request failed while its answer was sent',
    );
    return void res.end();
  }
  const answer = (status: number, error: GraphQLFormattedError) => sendGraphQL(req, res, status, { errors: [reportError(error, scope, o.log, e)] });
  // a check's refusal (LimitError among them): its status, its extensions without the status
  if (e instanceof GraphQLError) {
    const { http, ...extensions } = e.extensions as { http?: { status?: number } };
    return answer(http?.status ?? 400, { message: e.message, extensions });
  }
  if (e instanceof BodyTooLargeError) return answer(413, { message: e.message, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: o.bodyLimit } });
  if (e instanceof SyntaxError) return answer(400, { message: `The body is not valid JSON: ${e.message}`, extensions: { code: 'BAD_REQUEST' } });
  answer(500, { message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
