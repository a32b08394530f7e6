import pino from 'pino';
import { Role } from '@khg/domain';
import { testState, tokenFor } from '@khg/testing';
import { loadGatewayConfig } from '../src/config';
import { causeOf, reportError } from '../src/error-report';
import { startGateway, type RunningGateway } from '../src/server';

interface Line {
  level: number;
  msg: string;
  requestId?: string;
  operationName?: string | null;
  code?: string | null;
}

/** A logger whose lines the test reads back, written synchronously (no waiting for a file). */
function capturingLogger(): { log: pino.Logger; lines: Line[] } {
  const lines: Line[] = [];
  return {
    log: pino(
      { level: 'debug' },
      {
        write: (l: string) => {
          lines.push(JSON.parse(l) as Line);
        },
      },
    ),
    lines,
  };
}

const ERROR_LEVEL = 50;

describe('errors are logged by cause', () => {
  let gw: RunningGateway;
  const { log, lines } = capturingLogger();

  beforeAll(async () => {
    // A gateway in this process, so its log lines are ours to read; the event log is not needed here.
    const { DATABASE_URL: _db, ...env } = testState().env;
    gw = await startGateway(loadGatewayConfig({ ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug' }), log);
  });
  afterAll(() => gw?.stop());

  const post = async (requestId: string, body: string) => {
    const bearer = await tokenFor({ role: Role.ADMIN, sub: 'log-probe' });
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-request-id': requestId },
      body,
    });
    return { status: res.status, body: (await res.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
  };
  const linesOf = (requestId: string) => lines.filter((l) => l.requestId === requestId);

  it('logs a client’s mistakes at info with the operation name, never at error', async () => {
    const badJson = await post('probe-json', '{"query": ');
    expect(badJson.status).toBe(400);
    expect(badJson.body.errors![0].extensions!.code).toBe('BAD_REQUEST');

    const badVariables = await post(
      'probe-variables',
      JSON.stringify({ query: 'query ProbeVariables { __typename }', operationName: 'ProbeVariables', variables: 'not an object' }),
    );
    expect(badVariables.status).toBe(400);
    expect(badVariables.body.errors![0].extensions!.code).toBe('BAD_REQUEST');

    const invalid = await post('probe-validation', JSON.stringify({ query: 'query ProbeValidation { noSuchField }', operationName: 'ProbeValidation' }));
    expect(invalid.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.body.errors![0].extensions!.requestId).toBeUndefined();

    for (const [id, operationName, code] of [
      ['probe-json', null, 'BAD_REQUEST'],
      ['probe-variables', 'ProbeVariables', 'BAD_REQUEST'],
      ['probe-validation', 'ProbeValidation', 'GRAPHQL_VALIDATION_FAILED'],
    ] as const) {
      expect(linesOf(id)).toEqual([expect.objectContaining({ level: 30, operationName, code })]);
    }
    expect(lines.filter((l) => l.level >= ERROR_LEVEL)).toEqual([]);
  });

  it('logs a server fault at error with the request id its INTERNAL_SERVER_ERROR answer carries', () => {
    const captured = capturingLogger();
    const answer = reportError(
      { message: 'Internal error', path: ['areas'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      { requestId: 'req-42', operationName: 'Dashboard' },
      captured.log,
      new TypeError('x is undefined'),
    );
    expect(answer).toEqual({ message: 'Internal error', path: ['areas'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' } });
    expect(captured.lines).toEqual([
      expect.objectContaining({
        level: ERROR_LEVEL,
        requestId: 'req-42',
        operationName: 'Dashboard',
        err: expect.objectContaining({ message: 'x is undefined', name: 'TypeError' }),
      }),
    ]);
  });

  it('tells the caller’s mistakes, unavailable services and our faults apart', () => {
    expect(
      [
        'BAD_REQUEST',
        'GRAPHQL_PARSE_FAILED',
        'GRAPHQL_VALIDATION_FAILED',
        'OPERATION_LIMIT',
        'RATE_LIMITED',
        'PAYLOAD_TOO_LARGE',
        'UNAUTHENTICATED',
        'FORBIDDEN',
      ].map(causeOf),
    ).toEqual(Array(8).fill('client'));
    expect(['SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SHUTTING_DOWN'].map(causeOf)).toEqual(Array(3).fill('unavailable'));
    expect(['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR', undefined].map(causeOf)).toEqual(Array(3).fill('server'));
  });
});
