import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member names in byte order with the id: a name search ranked BEST_MATCH reads the names starting
 * with the term as a range of this index, in its order, and stops after a page, and the bounded
 * count of a common name stops after 1,001 entries, where the trigram index would read every match.
 * The C collation makes LIKE 'term%' a range whatever the database's locale (names are folded to
 * unaccented lower case, so byte order is alphabetical).
 */
export class SearchPrefix1766000000000 implements MigrationInterface {
  name = 'SearchPrefix1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX members_search_prefix ON members ((search_name COLLATE "C"), id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX members_search_prefix');
  }
}
