import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Response } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/http';
import { sendJson, type Logger } from '@khg/platform';
import type { CallerAuthenticator } from '../caller';
import type { OperationGuard } from '../limits';
import { SubscriberRefused, authenticateSubscriber, checkSubscription, type SubscriptionContext } from './subscriber';

/** Where subscriptions are served as Server-Sent Events (graphql-sse's conventional path). */
export const SSE_PATH = '/graphql/stream';

export interface SseOptions {
  schema: () => GraphQLSchema | null;
  auth: CallerAuthenticator;
  guard?: OperationGuard;
  log: Logger;
}

/**
 * Subscriptions over Server-Sent Events (the graphql-sse protocol, distinct connections mode: one
 * HTTP request per subscription, `Accept: text/event-stream`), for departmental systems behind
 * proxies that drop WebSockets. The token is the request's Authorization header; the checks and
 * the `events` resolver are those of the WebSocket transports.
 */
export function sseSubscriptions(o: SseOptions) {
  const contexts = new WeakMap<IncomingMessage, SubscriptionContext>();
  const open = new Set<ServerResponse>();
  const handler = createHandler<Record<string, unknown>>({
    schema: () => o.schema() ?? Promise.reject(new Error('no schema loaded yet')),
    // Authenticated before the handler runs (below); no stream token, so every request is its own stream.
    authenticate: () => null,
    onSubscribe: (req, params) => {
      const schema = o.schema();
      const refuse = (status: number, statusText: string, errors: readonly GraphQLFormattedError[]): Response => [
        JSON.stringify({ errors }),
        { status, statusText, headers: { 'content-type': 'application/json; charset=utf-8' } },
      ];
      if (!schema)
        return refuse(503, 'Service Unavailable', [
          { message: 'Subscriptions are unavailable until the gateway has loaded a schema; retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } },
        ]);
      const checked = checkSubscription(schema, params, o.guard);
      if ('errors' in checked) return refuse(400, 'Bad Request', checked.errors);
      return {
        schema,
        document: checked.document,
        variableValues: params.variables,
        operationName: params.operationName,
        contextValue: { ...contexts.get(req.raw)! },
      };
    },
  });

  return {
    handle(req: IncomingMessage, res: ServerResponse): void {
      void serve(req, res);
    },
    /** Ends every open stream (the client reconnects and resumes with its last cursor). */
    close(): void {
      for (const res of open) res.end();
      open.clear();
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Single connection mode (PUT reserves a stream, DELETE stops an operation) is not offered.
    if (req.method !== 'POST' && req.method !== 'GET') {
      res.setHeader('allow', 'GET, POST');
      return sendJson(res, 405, {
        errors: [{ message: 'Subscribe with POST (or GET) and Accept: text/event-stream', extensions: { code: 'METHOD_NOT_ALLOWED' } }],
      });
    }
    if (!/text\/event-stream/.test(String(req.headers.accept ?? ''))) {
      return sendJson(res, 406, {
        errors: [{ message: 'Send Accept: text/event-stream to subscribe over Server-Sent Events', extensions: { code: 'NOT_ACCEPTABLE' } }],
      });
    }
    try {
      contexts.set(req, await authenticateSubscriber(o.auth, String(req.headers.authorization ?? ''), o.log));
    } catch (e) {
      if (!(e instanceof SubscriberRefused)) throw e;
      return sendJson(res, e.status, { errors: [{ message: e.message, extensions: { code: e.code } }] });
    }
    open.add(res);
    res.once('close', () => open.delete(res));
    try {
      await handler(req, res);
    } catch (e) {
      o.log.error({ err: { message: (e as Error).message, name: (e as Error).name } }, 'SSE subscription failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  }
}
