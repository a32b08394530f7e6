import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Caller } from './auth';
import { DomainError } from './errors';
import { sendJson } from './http';

/** Where a subgraph serves its streams: `/streams/<name>?<parameters>`, for the gateway only (the caller header). */
export const STREAMS_PATH = '/streams/';

/**
 * A list too long for one GraphQL answer (a file export of 200,000 members), served to the gateway
 * as newline-delimited JSON while it is read: one row per line, then `{"end":true,"rows":N}`. The
 * rows go out as they are read, a page at a time, and the next page waits until the gateway has
 * taken the last: neither side holds the list. Without the end line the gateway knows the list was
 * cut short (a lost connection, a failed statement) and fails the download rather than give a
 * shorter file.
 */
export interface SubgraphStream {
  name: string;
  /**
   * Sends the rows a page at a time through `send` (which waits for the reader). A DomainError
   * thrown before the first page is answered as JSON (`{ error, code }`, status by code); one
   * thrown later ends the stream without its end line.
   */
  run(caller: Caller, params: URLSearchParams, send: (rows: readonly object[]) => Promise<void>): Promise<void>;
}

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, PERSONAL_DATA: 403, NOT_FOUND: 404 };

/** A line of the stream written, waiting while the reader is slower than the writer. */
function writeWhenTaken(res: ServerResponse, text: string): Promise<void> {
  if (res.destroyed) return Promise.reject(new Error('the reader went away'));
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      if (res.destroyed && !res.writableFinished) reject(new Error('the reader went away'));
      else resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** Serves one stream to a verified caller. */
export async function serveStream(stream: SubgraphStream, caller: Caller, params: URLSearchParams, res: ServerResponse, log: Logger): Promise<void> {
  let rows = 0;
  const start = () => {
    if (res.headersSent) return;
    res.statusCode = 200;
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
  };
  try {
    await stream.run(caller, params, async (page) => {
      start();
      rows += page.length;
      let text = '';
      for (const row of page) text += JSON.stringify(row) + '\n';
      await writeWhenTaken(res, text);
    });
    start();
    res.end(JSON.stringify({ end: true, rows }) + '\n');
  } catch (e) {
    if (!res.headersSent) {
      if (e instanceof DomainError) return sendJson(res, STATUS[e.code] ?? 400, { error: e.message, code: e.code });
      log.error({ err: e, stream: stream.name }, 'stream failed before its first row');
      return sendJson(res, 500, { error: 'The list could not be read', code: 'INTERNAL_SERVER_ERROR' });
    }
    // cut short without its end line: the reader fails rather than keep a shorter list
    log.warn({ err: (e as Error).message, stream: stream.name, rows }, 'stream ended early');
    res.destroy();
  }
}
