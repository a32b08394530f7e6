import { Readable } from 'node:stream';
import { Agent } from 'undici';
import { CALLER_HEADER, REQUEST_ID_HEADER } from '@khg/platform';

/** An error as a subgraph answers it (its formatError has set the code and, for bad rows, which ones). */
export interface GraphError {
  message: string;
  extensions?: { code?: string; rows?: { index: number; field: string; message: string }[] };
}

/** A bulk write could not be delivered or answered: nothing to say about its rows. */
export class SubgraphUnreachable extends Error {}

/** Inputs serialised per slice: small enough to keep the request's buffer small, large enough to cost little. */
const SLICE = 1_000;

/** The dispatcher of long writes: no headers or body timeout of its own; the signal bounds them. */
const longWrites = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

/**
 * The request body, produced as it is sent: each long list (an import's inputs) is serialised a
 * slice at a time, so the 100,000 inputs of one import never exist as one JSON string.
 */
function* body(query: string, variables: Record<string, unknown>): Generator<Buffer> {
  yield Buffer.from(`{"query":${JSON.stringify(query)},"variables":{`);
  let first = true;
  for (const [name, value] of Object.entries(variables)) {
    yield Buffer.from(`${first ? '' : ','}${JSON.stringify(name)}:`);
    first = false;
    if (!Array.isArray(value)) {
      yield Buffer.from(JSON.stringify(value ?? null));
      continue;
    }
    yield Buffer.from('[');
    for (let i = 0; i < value.length; i += SLICE)
      yield Buffer.from(
        (i ? ',' : '') +
          value
            .slice(i, i + SLICE)
            .map((v) => JSON.stringify(v))
            .join(','),
      );
    yield Buffer.from(']');
  }
  yield Buffer.from('}}');
}

export interface SubgraphWrite {
  /** the subgraph's /graphql */
  url: string;
  /** the uploader, signed as the gateway signs every subgraph fetch */
  callerHeader: string;
  requestId: string;
  timeoutMs: number;
}

/**
 * Sends an import's bulk mutation straight to the owning subgraph, the body streamed. Through the
 * gateway's own graph (Apollo Gateway) the same mutation cost the gateway a coerced copy of every
 * input, the whole body as one string and a shaped copy of the answer: 100,000 members took its
 * RSS from 300 MB to 440 MB. The subgraph applies the uploader's rights as it does for any call;
 * its answer's errors come back as they are.
 */
export async function writeToSubgraph<D>(
  w: SubgraphWrite,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data: D | null; errors: GraphError[] }> {
  let res: Response;
  try {
    res = await fetch(w.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: w.callerHeader, [REQUEST_ID_HEADER]: w.requestId },
      body: Readable.from(body(query, variables)) as unknown as RequestInit['body'],
      duplex: 'half',
      signal: AbortSignal.timeout(w.timeoutMs),
      // fetch's own dispatcher gives up on headers after 5 minutes, whatever the signal allows
      dispatcher: longWrites,
    } as RequestInit);
  } catch (e) {
    throw new SubgraphUnreachable((e as Error).message);
  }
  const answer = (await res.json().catch(() => null)) as { data?: D | null; errors?: GraphError[] } | null;
  if (!answer || (!answer.data && !answer.errors?.length)) throw new SubgraphUnreachable(`HTTP ${res.status} without a GraphQL answer`);
  return { data: answer.data ?? null, errors: answer.errors ?? [] };
}
