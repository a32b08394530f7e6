import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import { REQUEST_ID_HEADER } from '@khg/platform';

/** What the gateway's CORS answers allow (from CORS_ORIGINS, CORS_CREDENTIALS and NODE_ENV). */
export interface CorsSettings {
  /** exact origins (`https://app.example.vn`), `scheme://host:*` for any port, or `*` */
  origins: readonly string[];
  credentials: boolean;
}

/** Outside production a frontend's dev server (Vite, webpack) on any local port may call the gateway. */
export const DEV_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/** An entry of CORS_ORIGINS: `*`, an origin, or an origin whose port is `*`. */
export const ORIGIN_ENTRY = /^(\*|https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?|https?:\/\/\[[0-9a-f:]+\](:(\d{1,5}|\*))?)$/i;

export function corsSettings(env: { CORS_ORIGINS?: string; CORS_CREDENTIALS: boolean; NODE_ENV: string }): CorsSettings {
  const set = env.CORS_ORIGINS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const origins = set ?? (env.NODE_ENV === 'production' ? [] : DEV_ORIGINS);
  return { origins, credentials: env.CORS_CREDENTIALS };
}

/** The request headers a browser may send: the token, JSON, Apollo's CSRF and APQ/client headers, our request id. */
export const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  REQUEST_ID_HEADER,
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'last-event-id', // graphql-sse clients resume with it
];
/** Headers a page's script may read from our answers. */
export const EXPOSED_HEADERS = [REQUEST_ID_HEADER, 'x-khg-cache', 'retry-after'];
/** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours). */
export const PREFLIGHT_MAX_AGE_S = 7200;

export function originAllowed(settings: CorsSettings, origin: string): boolean {
  return settings.origins.some((o) => {
    if (o === '*') return true;
    if (o.endsWith(':*')) {
      const base = o.slice(0, -2).toLowerCase();
      const lower = origin.toLowerCase();
      return lower === base || (lower.startsWith(`${base}:`) && /^\d{1,5}$/.test(lower.slice(base.length + 1)));
    }
    return o.toLowerCase() === origin.toLowerCase();
  });
}

/**
 * A step before the GraphQL endpoints (a route of its own for preflights, a header step for the
 * rest), never inside Apollo: a browser's preflight carries no token and no body, so it must be
 * answered before anything that wants them. The `cors` package writes the headers; we only decide
 * the origin. A disallowed origin gets no CORS header at all (the browser then blocks the page's
 * read), and its preflight a bare 204. CSRF prevention is unchanged: Apollo still refuses simple
 * requests, the only kind a browser sends cross-origin without asking first.
 */
export class CorsPolicy {
  private readonly middleware: (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

  constructor(readonly settings: CorsSettings) {
    const wildcard = settings.origins.includes('*');
    this.middleware = cors({
      // `*` without credentials is answered literally (cacheable by shared caches); anything else echoes the allowed origin.
      origin: (origin, callback) =>
        callback(null, origin !== undefined && originAllowed(settings, origin) ? (wildcard && !settings.credentials ? '*' : origin) : false),
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      credentials: settings.credentials,
      maxAge: PREFLIGHT_MAX_AGE_S,
      optionsSuccessStatus: 204,
    });
  }

  /** Adds the CORS headers of an actual request (or answers a preflight); calls `next` unless it answered. */
  apply(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    // Caches must keep one answer per origin, allowed or not.
    res.setHeader('vary', 'Origin');
    this.middleware(req, res, () => {
      if (req.method === 'OPTIONS') {
        // Not allowed (or no Origin): a bare 204 that a browser treats as a refusal.
        res.statusCode = 204;
        res.setHeader('content-length', '0');
        return void res.end();
      }
      next();
    });
  }

  /** Wraps a route handler with this policy. */
  wrap(handler: (req: IncomingMessage, res: ServerResponse, path: string) => void): (req: IncomingMessage, res: ServerResponse, path: string) => void {
    return (req, res, path) => this.apply(req, res, () => handler(req, res, path));
  }
}
