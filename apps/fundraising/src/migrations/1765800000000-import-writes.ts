import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bulk writes an import made, by import id: written once (a gateway that restarted mid-import
 * and is sent the same file again gets the rows of the first write, not a second copy), and how far
 * a running write has got (written outside its transaction, so the gateway can show progress).
 */
export class ImportWrites1765800000000 implements MigrationInterface {
  name = 'ImportWrites1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE import_writes (
  import_id text PRIMARY KEY,
  operation text NOT NULL,
  -- the ids written, in the order of the rows: a replay answers them
  ids text[] NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE import_write_progress (
  import_id text PRIMARY KEY,
  done int NOT NULL,
  total int NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_write_progress; DROP TABLE import_writes');
  }
}
