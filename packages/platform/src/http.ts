import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextThunk } from '@apollo/server';

export class BodyTooLargeError extends Error {}

/** Reads a JSON request body, refusing one larger than `limit` bytes before buffering it all. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError(`The request body is ${declared} bytes; the limit is ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError(`The request body exceeds the limit of ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  return type.includes('application/json') || type === '' ? JSON.parse(text) : text;
}

/** Hands one HTTP request to Apollo Server 5 and writes its answer (AS5 has no built-in node:http glue). */
export async function runApollo<C extends BaseContext>(
  server: ApolloServer<C>,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  context: ContextThunk<C>,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context,
  });
  for (const [k, v] of response.headers) res.setHeader(k, v);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(value));
}

/**
 * A process's memory as Prometheus text: the heap beside the RSS tells live objects (heap used) from
 * memory V8 or malloc kept after a burst.
 */
export function memoryMetrics(): string {
  const m = process.memoryUsage();
  return (
    `# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes ${m.rss}\n` +
    `# TYPE nodejs_heap_size_used_bytes gauge\nnodejs_heap_size_used_bytes ${m.heapUsed}\n` +
    `# TYPE nodejs_heap_size_total_bytes gauge\nnodejs_heap_size_total_bytes ${m.heapTotal}\n` +
    `# TYPE nodejs_external_memory_bytes gauge\nnodejs_external_memory_bytes ${m.external}\n`
  );
}
