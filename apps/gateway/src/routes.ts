import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '@khg/platform';

/**
 * One entry of the gateway's HTTP route table. The first route whose `matches` holds answers; new
 * endpoints (uploads, downloads, SSE) are new entries, not new branches in a handler.
 */
export interface Route {
  name: string;
  matches(path: string, req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse, path: string): void;
}

export const exactly = (p: string) => (path: string) => path === p;

/** The node:http request listener over a route table; anything unmatched is a 404 that points at the endpoint. */
export function router(routes: readonly Route[], endpoint: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.matches(path, req));
    if (route) return route.handle(req, res, path);
    sendJson(res, 404, { error: 'not found', hint: `the GraphQL endpoint is ${endpoint}` });
  };
}
