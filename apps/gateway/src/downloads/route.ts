import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { sendJson, signInternalCaller, type Caller, type Logger } from '@khg/platform';
import type { GatewayContext } from '../context';
import { requestIdOf } from '../request-context';
import type { Route } from '../routes';
import { DOWNLOADS_PATH } from './schema';
import { DownloadRequestError, rendererFor, type CallerGraph, type RendererRegistry } from './renderers';
import { DownloadLinkError, type DownloadSigner } from './signing';
import { streamsAs } from './subgraph-streams';

export interface DownloadRouteDeps {
  apollo: ApolloServer<GatewayContext>;
  signer: DownloadSigner;
  registry: RendererRegistry;
  internalSecret: string;
  /** each subgraph's /graphql, for its streams */
  subgraphUrls: Record<string, string>;
  log: Logger;
}

const STATUS: Record<string, number> = { FORBIDDEN: 403, UNAUTHENTICATED: 403, NOT_FOUND: 404, SERVICE_UNAVAILABLE: 503 };

/** The caller's graph: the gateway's own Apollo (limits, plan, subgraph fetches signed for the caller), in process. */
function graphAs(apollo: ApolloServer<GatewayContext>, caller: Caller, internalSecret: string, requestId: string): CallerGraph {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    // internal: a fixed document of the gateway's (the caller chose only the link), so the cost limit does not apply
    const contextValue: GatewayContext = {
      caller,
      callerHeader: await signInternalCaller(internalSecret, caller, '300s'),
      requestId,
      touched: new Set(),
      internal: true,
    };
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('a download query answered incrementally');
    const { data, errors } = response.body.singleResult;
    // a figure the caller may not see fails the whole download rather than leaving a hole in it
    if (errors?.length) throw new DownloadRequestError(String(errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR'), errors[0].message);
    return data as T;
  };
}

/**
 * GET /downloads/<token>/<file name>: checks the signature and the expiry (403 with a JSON error
 * otherwise), reads the data as the caller named in the link and streams the rendered file.
 */
export function downloadRoute(d: DownloadRouteDeps): Route {
  return {
    name: 'downloads',
    matches: (path) => path.startsWith(DOWNLOADS_PATH),
    handle: (req, res, path) => void serve(d, req, res, path),
  };
}

async function serve(d: DownloadRouteDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const requestId = requestIdOf(req);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, { error: 'A download link is opened with GET', code: 'METHOD_NOT_ALLOWED' });
  }
  try {
    const token = path.slice(DOWNLOADS_PATH.length).split('/')[0];
    const claims = d.signer.verify(token);
    const renderer = rendererFor(d.registry, claims.kind, claims.format);
    if (!renderer) return sendJson(res, 404, { error: `Nothing renders ${claims.kind} as ${claims.format} on this gateway`, code: 'NOT_FOUND' });
    const streams = streamsAs(d.subgraphUrls, () => signInternalCaller(d.internalSecret, claims.caller, '300s'), requestId);
    const prepared = await renderer.prepare(claims.args, graphAs(d.apollo, claims.caller, d.internalSecret, requestId), claims.caller, streams);
    res.statusCode = 200;
    res.setHeader('content-type', prepared.contentType);
    res.setHeader(
      'content-disposition',
      `${prepared.disposition}; filename="${prepared.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(prepared.fileName)}`,
    );
    // a link is the caller's: no shared cache keeps it; a page may use inline styles and data only
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    if (req.method === 'HEAD') return void res.end();
    await prepared.write(res);
  } catch (e) {
    if (e instanceof DownloadLinkError) return sendJson(res, 403, { error: e.message, code: e.code });
    if (e instanceof DownloadRequestError) return sendJson(res, STATUS[e.code] ?? 400, { error: e.message, code: e.code });
    d.log.error({ requestId, err: { message: (e as Error).message, name: (e as Error).name } }, 'download failed');
    if (res.headersSent) return void res.destroy();
    sendJson(res, 500, { error: 'The download could not be rendered', code: 'INTERNAL_SERVER_ERROR', requestId });
  }
}
