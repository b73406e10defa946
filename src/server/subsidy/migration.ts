// 0200: 以案定补 (subsidy/). A county's rules (one row, the current version) and every version
// saved (the audit trail); the 司法所's score of each case file; the month's subsidy lines of a
// town frozen when the town signs the month off (removed again by an audited unlock); and
// 0201: 学历 of a mediator and each committee's 经费/补贴 per year (组织队伍).
import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const subsidyMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('subsidy_rules')
      .addColumn('county_code', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('rules', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('subsidy_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('subsidy_log_county').on('subsidy_log').columns(['county_code', 'at']).execute();
    await db.schema.createTable('case_file_scores')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('items', 'text', (c) => c.notNull())
      .addColumn('difficulty', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('max_score', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('scored_at', 'text', (c) => c.notNull())
      .addColumn('scored_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_file_scores_town').on('case_file_scores').column('town_code').execute();
    await db.schema.createTable('subsidy_frozen')
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('lines', 'text', (c) => c.notNull())
      .addColumn('rules_version', 'integer', (c) => c.notNull())
      .addColumn('frozen_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('subsidy_frozen_pk', ['town_code', 'month'])
      .execute();
  },
};

export const orgFieldsMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('mediators').addColumn('education', 'text').execute();
    await db.schema.createTable('committee_funding')
      .addColumn('committee_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('funding_cents', 'bigint', (c) => c.notNull())
      .addColumn('subsidy_cents', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('committee_funding_pk', ['committee_id', 'year'])
      .execute();
  },
};

