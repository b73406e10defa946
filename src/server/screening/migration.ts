// 0180_screening (issue #14): 矛盾纠纷排查 rounds and 上报 of 重大/疑难 disputes, each its own table
// beside the cases, with the area codes denormalised like cases' so a scoped list, the town's
// month coverage and the report's counts are indexed filters. The whole record is the JSON `data`;
// the other columns are derived from it and never set apart (screening/records.ts).
import type { Kysely, Migration } from 'kysely';

export const screeningMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('screenings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // The committee's area: a village (12 digits) or, for the town committee's own rounds, the town (9).
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('held_on', 'text', (c) => c.notNull())
      .addColumn('found', 'integer', (c) => c.notNull())
      .addColumn('prevented', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('screenings_town_held').on('screenings').columns(['town_code', 'held_on']).execute();
    await db.schema.createIndex('screenings_county_held').on('screenings').columns(['county_code', 'held_on']).execute();
    await db.schema.createIndex('screenings_area_held').on('screenings').columns(['area_code', 'held_on']).execute();

    await db.schema.createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('grade', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text')
      .addColumn('screening_id', 'text')
      .addColumn('reported_at', 'text', (c) => c.notNull())
      .addColumn('acked_at', 'text')
      .addColumn('acked_by', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('alerts_town_reported').on('alerts').columns(['town_code', 'reported_at']).execute();
    await db.schema.createIndex('alerts_county_reported').on('alerts').columns(['county_code', 'reported_at']).execute();
  },
};
