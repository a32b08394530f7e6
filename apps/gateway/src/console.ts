import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { sendJson } from '@khg/platform';

/**
 * The reference web console (apps/web), served as static files at /console. Found by the monorepo's
 * layout, not a package dependency: apps/web builds on @khg/client, which builds on this gateway's
 * supergraph, so a dependency back would be a cycle. Not built: a 404 that says how to build it.
 */
export const CONSOLE_PATH = '/console';
const DIST = join(__dirname, '..', '..', 'web', 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'application/javascript', '.css': 'text/css', '.map': 'application/json' };
// Same-origin scripts and calls only; the console talks to /graphql over fetch and WebSocket.
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:";

export const isConsole = (path: string) => path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`);

export function serveConsole(req: IncomingMessage, res: ServerResponse, path: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'the console is read with GET' });
  // Relative asset URLs in index.html resolve under /console/ only with the trailing slash.
  if (path === CONSOLE_PATH) return void res.writeHead(308, { location: `${CONSOLE_PATH}/` }).end();
  const rel = path.slice(CONSOLE_PATH.length + 1) || 'index.html';
  const file = normalize(join(DIST, rel));
  if (!file.startsWith(DIST + '/') || !existsSync(file)) {
    return sendJson(
      res,
      404,
      existsSync(DIST) ? { error: 'not found' } : { error: 'the console is not built', hint: 'run `npm run build` (it builds apps/web)' },
    );
  }
  res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('content-security-policy', CSP);
  // index.html names the bundle without a version: revalidate rather than cache blindly.
  res.setHeader('cache-control', 'no-cache');
  createReadStream(file).pipe(res);
}
