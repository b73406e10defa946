// Migration 0002_network: the 县-镇-村 registry and the statistics tables. Registered in
// store/migrations.ts; like every shipped migration it is never edited, only followed.
//
// `committees` (0001: one row per village/town, inserted by the area seed as id, area_code, name)
// is rebuilt so that other kinds of committee (企事业, 行业性专业性, 派驻, 个人工作室) fit beside
// the statutory ones: area_code stays unique but may be null, and two generated columns give every
// row its location and kind, so rows that still arrive as (id, area_code, name) are complete.
import { sql, type Kysely, type Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

export const networkMigration: Migration = {
  async up(db: AnyDb) {
    // Codes are republished yearly; a re-coded village keeps its old row with valid_to set.
    await db.schema.alterTable('areas').addColumn('valid_from', 'text').execute();
    await db.schema.alterTable('areas').addColumn('valid_to', 'text').execute();
    await db.schema.createTable('area_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('old_code', 'text', (c) => c.notNull())
      .addColumn('new_code', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('changed_on', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();
    await db.schema.createIndex('area_changes_old').on('area_changes').column('old_code').execute();

    await db.schema.createTable('committees_next')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('area_code', 'text', (c) => c.unique())
      .addColumn('located_in', 'text')
      .addColumn('type', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('address', 'text')
      .addColumn('founded_on', 'text')
      .addColumn('dissolved_on', 'text')
      .addColumn('updated_at', 'text')
      .addColumn('updated_by', 'text')
      .addColumn('location', 'text', (c) => c.generatedAlwaysAs(sql`coalesce(area_code, located_in)`).stored())
      .addColumn('kind', 'text', (c) =>
        c.generatedAlwaysAs(sql`coalesce(type, case when length(area_code) = 12 then '村/居' else '乡镇/街道' end)`).stored())
      .execute();
    await sql`insert into committees_next (id, area_code, name) select id, area_code, name from committees`.execute(db);
    await db.schema.dropTable('committees').execute();
    await db.schema.alterTable('committees_next').renameTo('committees').execute();
    await db.schema.createIndex('committees_location').on('committees').column('location').execute();

    await db.schema.createTable('mediators')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('committee_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text', (c) => c.notNull())
      .addColumn('ethnicity', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('phone_public', 'integer', (c) => c.notNull())
      .addColumn('member_role', 'text')
      .addColumn('full_time', 'integer', (c) => c.notNull())
      .addColumn('term_start', 'text')
      .addColumn('term_end', 'text')
      .addColumn('left_on', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    await db.schema.createIndex('mediators_committee').on('mediators').column('committee_id').execute();
    await db.schema.createTable('mediator_trainings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mediator_id', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('hours', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mediator_trainings_mediator').on('mediator_trainings').column('mediator_id').execute();

    await db.schema.createTable('legal_persons')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('phone_public', 'integer', (c) => c.notNull())
      .addColumn('certified_on', 'text')
      .addColumn('left_on', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    await db.schema.createIndex('legal_persons_village').on('legal_persons').columns(['village_code', 'kind']).execute();

    // Month sign-off: the current locks, and every sign and unlock ever made (the audit trail).
    await db.schema.createTable('stat_signoffs')
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('signed_at', 'text', (c) => c.notNull())
      .addColumn('signed_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('stat_signoffs_pk', ['area_code', 'month'])
      .execute();
    await db.schema.createTable('stat_signoff_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('stat_signoff_log_area').on('stat_signoff_log').columns(['area_code', 'month']).execute();

    // Pre-aggregated statistics for wide areas (province, nation), stats/cells.ts: rows per area
    // (a county, or a whole province) and period (a month, or a whole year), per combination of
    // the attributes the roll-up reads (shared/stats.ts StatGroup).
    await db.schema.createTable('stat_cells')
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('agreement_form', 'text')
      .addColumn('performance', 'text')
      .addColumn('n', 'integer', (c) => c.notNull())
      .addColumn('difficult', 'integer', (c) => c.notNull())
      .addColumn('amount_yuan', 'double precision', (c) => c.notNull())
      .addColumn('suicide_cases', 'integer', (c) => c.notNull())
      .addColumn('suicide_persons', 'integer', (c) => c.notNull())
      .addColumn('criminal_cases', 'integer', (c) => c.notNull())
      .addColumn('criminal_persons', 'integer', (c) => c.notNull())
      .addColumn('petition_cases', 'integer', (c) => c.notNull())
      .addColumn('petition_persons', 'integer', (c) => c.notNull())
      .addColumn('fight_cases', 'integer', (c) => c.notNull())
      .addColumn('fight_persons', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('stat_cells_period_area').on('stat_cells').columns(['period', 'area_code']).execute();
    await db.schema.createIndex('stat_cells_area').on('stat_cells').column('area_code').execute();
    await db.schema.createTable('stat_cells_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .addColumn('refreshed_at', 'text')
      .execute();
    await sql`insert into stat_cells_state (id, last_seq) values (1, 0)`.execute(db);

    // 履行 is read from the latest 回访 of each case.
    await db.schema.createIndex('events_kind_case').on('events').columns(['kind', 'case_id']).execute();
  },
};
