import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';

/** The GraphQL over HTTP media types, as Apollo Server writes them. */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
export const APPLICATION_JSON = 'application/json; charset=utf-8';

/**
 * The media type of an answer the gateway writes itself (before Apollo, or instead of it), chosen as
 * Apollo chooses its own: `application/graphql-response+json` when the client prefers it, otherwise
 * `application/json` (also when the client sent no Accept, as the spec's legacy clients do).
 */
export function responseMediaType(req: IncomingMessage): string {
  const accept = req.headers.accept;
  if (!accept) return APPLICATION_JSON;
  const preferred = new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/graphql-response+json']);
  return preferred === 'application/graphql-response+json' ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
}

export const wantsGraphQLResponse = (req: IncomingMessage) => responseMediaType(req) === GRAPHQL_RESPONSE_JSON;

/** Writes a GraphQL response (or a request error) in the media type the client asked for. */
export function sendGraphQL(req: IncomingMessage, res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', responseMediaType(req));
  res.end(typeof value === 'string' ? value : JSON.stringify(value));
}
