// 0130_cell_satisfaction (issue #15): 群众满意度 — the 满意程度 of each case's latest 回访 — is a
// dimension of the statistics, so stat_cells carry it like 履行. The hosted counties' cells are
// recomputed on the next refresh (the watermark goes back to 0, and refreshCells recomputes every
// county with a case in the change stream); counties imported by federation keep their cells,
// which say nothing of satisfaction (null) until their county sends a month again.
import { sql, type Kysely, type Migration } from 'kysely';

export const cellSatisfactionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('stat_cells').addColumn('satisfaction', 'text').execute();
    await sql`update stat_cells_state set last_seq = 0 where id = 1`.execute(db);
  },
};

// 0220_stat_totals (issue #13): finished roll-ups per area and period beside the dimension cells
// (totals.ts); the dimension cells keep only town-months of hosted counties and county-months of
// imported ones — years, provinces and hosted counties are summed when asked. Every case is
// counted afresh on the next refresh (`counted` = 0), which fills the totals.
export const statTotalsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('stat_totals')
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('rollup', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('stat_totals_pk', ['area_code', 'period'])
      .execute();
    await sql`delete from stat_cells where length(period) = 4 or length(area_code) = 2
      or (length(area_code) = 6 and area_code in (select distinct county_code from cases))`.execute(db);
    await sql`update stat_cells_state set counted = 0 where id = 1`.execute(db);
  },
};

// 0300_village_totals (issue #13): villages' month totals were kept beside the towns' for a day
// and withdrawn: rolling up a changed town-month's village groups on the main thread made the
// refresh after one phone's push ~1.1 s at 150,000 cases (load 14–15; 0.1–0.4 s without them).
// Kept so that a database which ran it still finds it; it only has every case counted afresh once
// more on the next refresh.
export const villageTotalsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`update stat_cells_state set counted = 0 where id = 1`.execute(db);
  },
};

// 0340_village_month_totals (issue #13): villages' month and year totals again, now kept only for
// the village-months a refresh's changed cases were or are in (cells.ts villageMonthTotals), so
// stat_case_keys remembers each case's village too. Every case is counted afresh once.
export const villageMonthTotalsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('stat_case_keys').addColumn('village_code', 'text').execute();
    await sql`update stat_cells_state set counted = 0 where id = 1`.execute(db);
  },
};
