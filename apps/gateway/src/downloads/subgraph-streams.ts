import { CALLER_HEADER, REQUEST_ID_HEADER, STREAMS_PATH } from '@khg/platform';
import { DownloadRequestError } from './renderers';

/**
 * Reads one of a subgraph's NDJSON streams (`SubgraphStream` in @khg/platform) as the caller of a
 * link, in batches of rows; fails if the stream stops before its end line.
 */
export type CallerStreams = <R>(service: string, name: string, params: Record<string, string>) => AsyncGenerator<R[]>;

/** Rows handed on at once: the file writer's unit of work. */
const BATCH = 1_000;

interface EndLine {
  end: true;
  rows: number;
}

export function streamsAs(subgraphUrls: Record<string, string>, callerHeader: () => Promise<string>, requestId: string): CallerStreams {
  return async function* read<R>(service: string, name: string, params: Record<string, string>): AsyncGenerator<R[]> {
    const base = subgraphUrls[service];
    if (!base) throw new Error(`No URL for the ${service} subgraph`);
    const url = new URL(`${STREAMS_PATH.slice(1)}${name}?${new URLSearchParams(params)}`, base);
    const abort = new AbortController();
    const res = await fetch(url, { headers: { [CALLER_HEADER]: await callerHeader(), [REQUEST_ID_HEADER]: requestId }, signal: abort.signal }).catch(
      (e: Error) => {
        throw new DownloadRequestError('SERVICE_UNAVAILABLE', `The ${service} service could not be reached (${e.message}); try the link again in a minute`);
      },
    );
    if (!res.ok || !res.body) {
      const refusal = (await res.json().catch(() => null)) as { error?: string; code?: string } | null;
      if (res.status < 500 && refusal?.code) throw new DownloadRequestError(refusal.code, refusal.error ?? `${service} refused the list`);
      throw new Error(`${service} answered ${res.status} to the stream ${name}: ${refusal?.error ?? ''}`);
    }
    let finished = false;
    try {
      const decoder = new TextDecoder('utf-8');
      let pending = '';
      let batch: R[] = [];
      let count = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const lines = (pending + decoder.decode(chunk, { stream: true })).split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          const value = JSON.parse(line) as R | EndLine;
          if ((value as EndLine).end === true) {
            if ((value as EndLine).rows !== count) throw new Error(`${service}'s stream ${name} announced ${(value as EndLine).rows} rows and sent ${count}`);
            finished = true;
            if (batch.length) yield batch;
            return;
          }
          count++;
          batch.push(value as R);
          if (batch.length === BATCH) {
            yield batch;
            batch = [];
          }
        }
      }
      throw new Error(`${service}'s stream ${name} stopped after ${count} rows, before its end`);
    } finally {
      // the file's reader went away (or the stream failed): stop the subgraph's reading too
      if (!finished) abort.abort();
    }
  };
}
