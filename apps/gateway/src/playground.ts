import { createReadStream, existsSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderPlaygroundPage } from 'graphql-playground-html';
import { ANALYST_TABS } from './playground-tabs';

// Served from the npm package, never a CDN: the province's network may have no internet.
const BUILD = join(dirname(require.resolve('graphql-playground-react/package.json')), 'build');
export const ASSETS_PREFIX = '/playground-assets';
const TYPES: Record<string, string> = { '.js': 'application/javascript', '.css': 'text/css', '.png': 'image/png', '.map': 'application/json' };

const NOTE = `<div style="position:fixed;bottom:8px;right:12px;z-index:9999;font:12px sans-serif;color:#aaa">
Khuyến học Graph — add <code>{"Authorization": "Bearer &lt;token&gt;"}</code> under HTTP HEADERS (get one with <code>npm run token</code>).</div>`;

/**
 * Playground opened on the analysts' standard questions, one tab each. `headers` pre-fills every
 * tab's HTTP HEADERS (tests, and a deployment that fronts the gateway with its own sign-in); the
 * page the gateway serves leaves them empty: the analyst pastes a token once.
 */
export function playgroundPage(endpoint: string, headers: Record<string, string> = {}): string {
  const html = renderPlaygroundPage({
    endpoint,
    subscriptionEndpoint: endpoint,
    tabs: ANALYST_TABS.map((t) => ({ endpoint, name: t.name, query: t.query, ...(t.variables ? { variables: t.variables } : {}), headers })),
    cdnUrl: ASSETS_PREFIX,
    title: 'Khuyến học Graph — Playground',
    settings: { 'request.credentials': 'same-origin', 'editor.reuseHeaders': true, 'schema.polling.enable': false } as never,
  });
  return html.replace(/<link[^>]*fonts\.googleapis\.com[^>]*>/g, '').replace('</body>', `${NOTE}</body>`);
}

/** A browser navigating to the endpoint (GET, Accept: text/html) gets Playground. */
export function wantsPlayground(req: IncomingMessage): boolean {
  return req.method === 'GET' && String(req.headers.accept ?? '').includes('text/html');
}

export function servePlaygroundAsset(path: string, res: ServerResponse): boolean {
  const m = /^\/playground-assets\/graphql-playground-react[^/]*\/build\/(.+)$/.exec(path);
  if (!m) return false;
  const file = normalize(join(BUILD, m[1]));
  if (!file.startsWith(BUILD) || !existsSync(file)) return false;
  res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
  res.setHeader('cache-control', 'public, max-age=86400');
  createReadStream(file).pipe(res);
  return true;
}

export function servePlaygroundPage(res: ServerResponse, endpoint: string): void {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-security-policy', PLAYGROUND_CSP);
  res.end(playgroundPage(endpoint));
}

export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:";
