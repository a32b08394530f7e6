import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';
import { Role } from '@khg/domain';
import { DomainError, sendJson, type Caller, type Logger } from '@khg/platform';
import type { CallerAuthenticator } from '../caller';
import { requestIdOf } from '../request-context';
import type { Route } from '../routes';
import { KINDS, kindOfSlug, type ImportParams } from './kinds';
import type { ImportRunner } from './runner';
import type { ImportRecord, ImportStore } from './store';
import { writeTemplate } from './template';

export const IMPORTS_PATH = '/imports/';
const TEMPLATES = '/imports/templates/';

export interface ImportRouteDeps {
  store: ImportStore | null;
  runner: ImportRunner | null;
  auth: CallerAuthenticator;
  /** the largest file accepted (bytes) */
  maxFileBytes: number;
  log: Logger;
}

class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The JSON form of an import: the contract's type Import, problems limited as `problems(first: 100)`. */
export const importJson = (r: ImportRecord) => ({
  id: r.id,
  kind: r.kind,
  fileName: r.fileName,
  sha256: r.sha256,
  dryRun: r.dryRun,
  status: r.status,
  rows: r.rows,
  rowsDone: r.rowsDone,
  problemCount: r.problemCount,
  problems: r.problems.slice(0, 100),
  warnings: r.warnings,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** Who may read an import: ADMIN any, others the ones they or their organisation uploaded. */
export const mayRead = (caller: Caller, r: ImportRecord) =>
  caller.role === Role.ADMIN || r.createdBy === caller.sub || (!!caller.orgId && r.createdByOrg === caller.orgId);

/**
 * GET /imports/templates/<kind>.xlsx (no token: a blank template), POST /imports/<kind> (multipart
 * field `file`, the caller's token; 202 + Location) and GET /imports/<id>.
 */
export function importRoute(d: ImportRouteDeps): Route {
  return {
    name: 'imports',
    matches: (path) => path.startsWith(IMPORTS_PATH) || path === '/imports',
    handle: (req, res, path) => void serve(d, req, res, path),
  };
}

async function serve(d: ImportRouteDeps, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  // one id for the whole request (requestIdOf makes a new one each call when the client sent none)
  const requestId = requestIdOf(req);
  try {
    if (path.startsWith(TEMPLATES)) return await serveTemplate(req, res, path.slice(TEMPLATES.length));
    if (!d.store || !d.runner) throw new UploadError(503, 'SERVICE_UNAVAILABLE', 'Imports need the database (DATABASE_URL)');
    const { caller } = await d.auth.authenticate(req.headers.authorization);
    const segment = path.slice(IMPORTS_PATH.length);
    const kind = kindOfSlug(segment);
    if (kind) {
      if (req.method !== 'POST') throw new UploadError(405, 'METHOD_NOT_ALLOWED', `Upload a file with POST ${IMPORTS_PATH}${segment}`);
      return await upload(d, req, res, kind, caller, requestId);
    }
    if (req.method !== 'GET') throw new UploadError(405, 'METHOD_NOT_ALLOWED', 'An import is read with GET');
    const record = /^imp_[0-9a-f-]{36}$/.test(segment) ? await d.store.byId(segment) : null;
    if (!record || !mayRead(caller, record))
      throw new UploadError(404, 'NOT_FOUND', `No import ${segment}; uploads go to ${IMPORTS_PATH}{${Object.keys(KINDS).map(slug).join('|')}}`);
    sendJson(res, 200, importJson(record));
  } catch (e) {
    if (e instanceof UploadError) return sendJson(res, e.status, { error: e.message, code: e.code });
    if (e instanceof DomainError && e.code === 'UNAUTHENTICATED') return sendJson(res, 401, { error: e.message, code: e.code });
    d.log.error({ requestId, err: { message: (e as Error).message, name: (e as Error).name } }, 'import request failed');
    if (res.headersSent) return void res.destroy();
    sendJson(res, 500, { error: 'The import could not be started', code: 'INTERNAL_SERVER_ERROR', requestId });
  }
}

const slug = (k: string) => k.toLowerCase().replace(/_/g, '-');

async function serveTemplate(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  const kind = kindOfSlug(file.replace(/\.xlsx$/, ''));
  if (!kind || !file.endsWith('.xlsx'))
    throw new UploadError(
      404,
      'NOT_FOUND',
      `Templates: ${Object.keys(KINDS)
        .map((k) => `${TEMPLATES}${slug(k)}.xlsx`)
        .join(', ')}`,
    );
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new UploadError(405, 'METHOD_NOT_ALLOWED', 'A template is downloaded with GET');
  res.statusCode = 200;
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('content-disposition', `attachment; filename="mau-${file}"`);
  if (req.method === 'HEAD') return void res.end();
  await writeTemplate(KINDS[kind], res);
  res.end();
}

/** The query parameters of an upload, checked for shape (the subgraph checks what they name). */
function paramsOf(url: URL): { params: ImportParams; dryRun: boolean } {
  const params: ImportParams = {};
  const org = url.searchParams.get('organizationId');
  const fund = url.searchParams.get('fundId');
  const year = url.searchParams.get('year');
  if (org) params.organizationId = org;
  if (fund) params.fundId = fund;
  if (year) {
    if (!/^\d{4}$/.test(year)) throw new UploadError(400, 'BAD_USER_INPUT', `year=${year} is not a year (YYYY)`);
    params.year = Number(year);
  }
  const dry = url.searchParams.get('dryRun');
  if (dry && dry !== 'true' && dry !== 'false') throw new UploadError(400, 'BAD_USER_INPUT', 'dryRun is true or false');
  return { params, dryRun: dry === 'true' };
}

/** Reads the multipart field `file` into memory (bounded), hashing it on the way. */
function readFile(req: IncomingMessage, maxBytes: number): Promise<{ file: Buffer; fileName: string; sha256: string }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 10 } });
    } catch {
      return reject(new UploadError(400, 'BAD_USER_INPUT', 'Send the file as multipart/form-data in the field "file"'));
    }
    let found: Promise<{ file: Buffer; fileName: string; sha256: string }> | null = null;
    bb.on('file', (name, stream, info) => {
      if (name !== 'file') return void stream.resume();
      found = new Promise((res, rej) => {
        const hash = createHash('sha256');
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => {
          hash.update(c);
          chunks.push(c);
        });
        stream.on('limit', () => rej(new UploadError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1e6)} MB; split it`)));
        stream.on('end', () => res({ file: Buffer.concat(chunks), fileName: info.filename || 'upload', sha256: hash.digest('hex') }));
        stream.on('error', rej);
      });
    });
    bb.on('error', () => reject(new UploadError(400, 'BAD_USER_INPUT', 'The multipart body is malformed')));
    bb.on('close', () => {
      if (!found) return reject(new UploadError(400, 'BAD_USER_INPUT', 'No file: send it in the multipart field "file"'));
      found.then(resolve, reject);
    });
    req.pipe(bb);
  });
}

async function upload(
  d: ImportRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  kind: keyof typeof KINDS,
  caller: Caller,
  requestId: string,
): Promise<void> {
  if (caller.role !== Role.ADMIN && caller.role !== Role.OFFICER)
    throw new UploadError(403, 'FORBIDDEN', `Imports write data: they need the role ADMIN or OFFICER; you are ${caller.role}`);
  const { params, dryRun } = paramsOf(new URL(req.url ?? '/', 'http://localhost'));
  const { file, fileName, sha256 } = await readFile(req, d.maxFileBytes);
  if (file.length === 0) throw new UploadError(400, 'BAD_USER_INPUT', 'The file is empty');
  const { record, fresh } = await d.store!.claim({ kind, fileName, sha256, dryRun, params, createdBy: caller.sub, createdByOrg: caller.orgId ?? null });
  if (fresh) {
    setImmediate(() => void d.runner!.run({ id: record.id, kind, file, sha256, dryRun, params, caller, requestId }));
  }
  res.setHeader('location', `${IMPORTS_PATH}${record.id}`);
  sendJson(res, 202, importJson(record));
}
