import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLER_HEADER } from '@khg/platform';
import { DownloadRequestError } from './renderers';
import { streamsAs } from './subgraph-streams';

// The gateway's reader of a subgraph's NDJSON stream, against a real HTTP server playing the
// subgraph: rows in batches, the end line checked, a stream cut short or refused is an error.

const ROWS = 2_500;
let server: Server;
let base: string;
let seenCaller: string | undefined;
let closedEarly = false;

const rows = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `m${i}`, name: `Nguyễn Thị ${i}` }) + '\n').join('');

const behaviours: Record<string, (res: ServerResponse) => void> = {
  whole: (res) => res.end(rows(ROWS) + JSON.stringify({ end: true, rows: ROWS }) + '\n'),
  cut: (res) => {
    res.write(rows(10));
    setTimeout(() => res.destroy(), 20);
  },
  short: (res) => res.end(rows(3) + JSON.stringify({ end: true, rows: 4 }) + '\n'),
  refused: (res) => {
    res.statusCode = 403;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: 'Member.phone is personal data and is withheld', code: 'PERSONAL_DATA' }));
  },
  endless: (res) => {
    res.on('close', () => (closedEarly = !res.writableFinished));
    const more = () => {
      if (!res.destroyed && res.write(rows(1_000))) setImmediate(more);
      else if (!res.destroyed) res.once('drain', more);
    };
    more();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seenCaller = req.headers[CALLER_HEADER] as string | undefined;
    const name = new URL(req.url ?? '/', 'http://x').pathname.split('/').pop()!;
    res.setHeader('content-type', 'application/x-ndjson');
    behaviours[name](res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const streams = () => streamsAs({ membership: base }, () => Promise.resolve('signed-caller'), 'req-1');

async function collect(name: string): Promise<{ batches: number[]; ids: string[] }> {
  const batches: number[] = [];
  const ids: string[] = [];
  for await (const batch of streams()<{ id: string }>('membership', name, { organizationId: 'org_x' })) {
    batches.push(batch.length);
    ids.push(...batch.map((r) => r.id));
  }
  return { batches, ids };
}

describe('subgraph streams', () => {
  it('reads every row in batches of a thousand, as the caller of the link', async () => {
    const { batches, ids } = await collect('whole');
    expect(batches).toEqual([1000, 1000, 500]);
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
    expect(seenCaller).toBe('signed-caller');
  });

  it('fails a stream that stops before its end line, or whose end line counts other rows', async () => {
    await expect(collect('cut')).rejects.toThrow(/stopped after 10 rows|terminated|socket/);
    await expect(collect('short')).rejects.toThrow('announced 4 rows and sent 3');
  });

  it('turns a refusal into the download error with its code', async () => {
    const refusal = collect('refused');
    await expect(refusal).rejects.toBeInstanceOf(DownloadRequestError);
    await expect(refusal).rejects.toMatchObject({ code: 'PERSONAL_DATA' });
  });

  it('stops the subgraph when the file is no longer read', async () => {
    const reader = streams()<{ id: string }>('membership', 'endless', {});
    expect((await reader.next()).value).toHaveLength(1000);
    await reader.return(undefined);
    for (let i = 0; i < 100 && !closedEarly; i++) await new Promise((r) => setTimeout(r, 20));
    expect(closedEarly).toBe(true);
  });
});
