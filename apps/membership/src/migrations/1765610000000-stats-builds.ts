import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When maintained figures were last built in full. org_year_stats is rebuilt year by year, each
 * year in its own transaction, so "the table has rows" no longer means "the build finished": this
 * row does. A database whose figures were built before this table existed counts as built.
 */
export class StatsBuilds1765610000000 implements MigrationInterface {
  name = 'StatsBuilds1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE stats_builds (
  name text PRIMARY KEY,
  built_at timestamptz NOT NULL DEFAULT now(),
  through_year int NOT NULL,
  -- how long the build took (operators and the benchmark read it); null for a build from before
  took_ms int
);
INSERT INTO stats_builds (name, through_year)
SELECT 'org_year_stats', max(year) FROM org_year_stats HAVING count(*) > 0;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE stats_builds');
  }
}
