import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { BodyTooLargeError, readJsonBody, runApollo, sendJson, type Logger } from '@khg/platform';
import type { CallerAuthenticator } from './caller';
import type { Check } from './checks';
import type { GatewayContext } from './context';
import { LimitError } from './limits';
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
      return sendJson(res, 503, { errors: [{ message: 'The gateway is shutting down; retry on another replica', extensions: { code: 'SHUTTING_DOWN', retryable: true } }] });
    }
    const requestId = requestIdOf(req);
    readJsonBody(req, o.bodyLimit)
      .then(async (body) => {
        const r = new GraphQLHttpRequest(req, res, requestId, body, o.auth);
        for (const check of o.checks) if (await check(r)) return;
        await runApollo(o.apollo, req, res, body, () => r.apolloContext());
      })
      .catch((e: Error) => answerFailure(res, e, o));
  };
}

function answerFailure(res: ServerResponse, e: Error, o: PipelineOptions): void {
  if (res.headersSent) return void res.end();
  if (e instanceof LimitError) {
    const { http: _http, ...extensions } = e.extensions as Record<string, unknown>;
    return sendJson(res, 400, { errors: [{ message: e.message, extensions }] });
  }
  if (e instanceof BodyTooLargeError) {
    return sendJson(res, 413, { errors: [{ message: e.message, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: o.bodyLimit } }] });
  }
  if (e instanceof SyntaxError) return sendJson(res, 400, { errors: [{ message: `The body is not valid JSON: ${e.message}`, extensions: { code: 'BAD_REQUEST' } }] });
  o.log.error({ err: { message: e.message, name: e.name } }, 'request failed');
  sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
}
