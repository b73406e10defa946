// 0005_requests: residents' 申请调解 requests received from the public form. Kept apart from cases
// until a mediator accepts one (and then records the case through the normal 受理 form), with the
// area codes denormalised like the case tables so a scoped list is one indexed filter.
import type { Kysely, Migration } from 'kysely';

export const requestsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('mediation_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('applicant_name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('other_party', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('refuse_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .execute();
    for (const column of ['village_code', 'town_code', 'county_code'] as const) {
      await db.schema.createIndex(`mediation_requests_${column}_status`).on('mediation_requests').columns([column, 'status', 'received_at']).execute();
    }
  },
};
