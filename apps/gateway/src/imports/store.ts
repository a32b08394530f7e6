import { Pool } from 'pg';
import { newId, type Logger } from '@khg/platform';
import type { ImportKind, ImportParams } from './kinds';
import type { Problem } from './validate';
import { migrateOwnSchema, type SchemaMigration } from '../own-schema';

export type ImportStatus = 'VALIDATING' | 'REJECTED' | 'VALIDATED' | 'IMPORTING' | 'COMPLETED' | 'FAILED';

export interface ImportRecord {
  id: string;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  status: ImportStatus;
  rows: number;
  rowsDone: number;
  problemCount: number;
  problems: Problem[];
  warnings: Problem[];
  params: ImportParams;
  createdBy: string;
  createdByOrg: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/**
 * Imports live in the gateway's own schema `imports`: the gateway parses files and writes through
 * each owning subgraph's bulk mutation, so the record of an import (status, problems, the file's
 * SHA-256) belongs to no subgraph. One row per (kind, file, target, dry run): the same file uploaded
 * again finds it.
 */
const MIGRATIONS: SchemaMigration[] = [
  {
    id: 1,
    sql: `
CREATE TABLE imports.imports (
  id text PRIMARY KEY,
  kind text NOT NULL,
  file_name text NOT NULL,
  sha256 text NOT NULL,
  dry_run boolean NOT NULL,
  target text NOT NULL,
  params jsonb NOT NULL,
  status text NOT NULL,
  rows int NOT NULL DEFAULT 0,
  rows_done int NOT NULL DEFAULT 0,
  problem_count int NOT NULL DEFAULT 0,
  problems jsonb NOT NULL DEFAULT '[]'::jsonb,
  warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by text NOT NULL,
  created_by_org text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (kind, sha256, target, dry_run)
);
CREATE INDEX imports_created ON imports.imports (created_at DESC);`,
  },
];

interface Row {
  id: string;
  kind: ImportKind;
  file_name: string;
  sha256: string;
  dry_run: boolean;
  params: ImportParams;
  status: ImportStatus;
  rows: number;
  rows_done: number;
  problem_count: number;
  problems: Problem[];
  warnings: Problem[];
  created_by: string;
  created_by_org: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const toRecord = (r: Row): ImportRecord => ({
  id: r.id,
  kind: r.kind,
  fileName: r.file_name,
  sha256: r.sha256,
  dryRun: r.dry_run,
  status: r.status,
  rows: r.rows,
  rowsDone: r.rows_done,
  problemCount: r.problem_count,
  problems: r.problems,
  warnings: r.warnings,
  params: r.params,
  createdBy: r.created_by,
  createdByOrg: r.created_by_org,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** What makes two uploads the same import besides the file: where the rows go. */
const targetOf = (p: ImportParams) => JSON.stringify([p.organizationId ?? null, p.fundId ?? null, p.year ?? null]);

export class ImportStore {
  readonly pool: Pool;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.pool = new Pool({ connectionString: url, max: 3, application_name: 'khg-gateway-imports' });
    this.pool.on('error', (e) => log.warn({ err: e.message }, 'idle imports connection failed'));
  }

  async migrate(): Promise<void> {
    await migrateOwnSchema(this.pool, 'imports', MIGRATIONS, this.log);
  }

  /**
   * The import of this file for this target, created VALIDATING when new. An earlier one that FAILED
   * (a subgraph was down, the gateway restarted) starts again; any other is answered as it is.
   */
  async claim(a: {
    kind: ImportKind;
    fileName: string;
    sha256: string;
    dryRun: boolean;
    params: ImportParams;
    createdBy: string;
    createdByOrg: string | null;
  }): Promise<{ record: ImportRecord; fresh: boolean }> {
    const { rows } = await this.pool.query<Row & { fresh: boolean }>(
      `INSERT INTO imports.imports (id, kind, file_name, sha256, dry_run, target, params, status, created_by, created_by_org)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'VALIDATING', $8, $9)
       ON CONFLICT (kind, sha256, target, dry_run) DO UPDATE
         SET status = 'VALIDATING', problems = '[]', warnings = '[]', problem_count = 0, rows_done = 0, finished_at = NULL
         WHERE imports.imports.status = 'FAILED'
       RETURNING *, (xmax = 0 OR status = 'VALIDATING') AS fresh`,
      [newId('Import'), a.kind, a.fileName, a.sha256, a.dryRun, targetOf(a.params), a.params, a.createdBy, a.createdByOrg],
    );
    if (rows[0]) return { record: toRecord(rows[0]), fresh: true };
    const existing = await this.pool.query<Row>('SELECT * FROM imports.imports WHERE kind = $1 AND sha256 = $2 AND target = $3 AND dry_run = $4', [
      a.kind,
      a.sha256,
      targetOf(a.params),
      a.dryRun,
    ]);
    return { record: toRecord(existing.rows[0]), fresh: false };
  }

  async update(id: string, patch: Partial<Pick<ImportRecord, 'status' | 'rows' | 'rowsDone' | 'problems' | 'warnings'>>, finished = false): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [id];
    const set = (col: string, v: unknown) => {
      values.push(v);
      sets.push(`${col} = $${values.length}`);
    };
    if (patch.status) set('status', patch.status);
    if (patch.rows != null) set('rows', patch.rows);
    if (patch.rowsDone != null) set('rows_done', patch.rowsDone);
    if (patch.problems) {
      set('problems', JSON.stringify(patch.problems.slice(0, 1000)));
      set('problem_count', patch.problems.length);
    }
    if (patch.warnings) set('warnings', JSON.stringify(patch.warnings.slice(0, 100)));
    if (finished) sets.push('finished_at = now()');
    await this.pool.query(`UPDATE imports.imports SET ${sets.join(', ')} WHERE id = $1`, values);
  }

  async byId(id: string): Promise<ImportRecord | null> {
    const { rows } = await this.pool.query<Row>('SELECT * FROM imports.imports WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(f: { kind?: string | null; first: number; createdBy?: string; createdByOrg?: string | null }): Promise<ImportRecord[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM imports.imports
       WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR created_by = $2 OR created_by_org = $3)
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [f.kind ?? null, f.createdBy ?? null, f.createdByOrg ?? null, f.first],
    );
    return rows.map(toRecord);
  }

  /** Imports a stopped gateway left running end FAILED, so the same file can be uploaded again. */
  async failInterrupted(): Promise<void> {
    await this.pool.query(
      `UPDATE imports.imports SET status = 'FAILED', finished_at = now(), problem_count = 1,
         problems = '[{"row":0,"column":null,"message":"The gateway stopped while this import ran; nothing of it was written: upload the file again"}]'
       WHERE status IN ('VALIDATING', 'IMPORTING') AND created_at < now()`,
    );
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
