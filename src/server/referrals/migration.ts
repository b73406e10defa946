// 0240_referrals (issue #14): 移交 of a case to another committee (shared/referral.ts), a table
// beside the cases like 上报's, with both committees' areas denormalised so each side's inbox and
// the statistics' 移交 in/out counts are indexed filters. The whole record is the JSON `data`;
// the other columns are derived from it (referrals/records.ts). Beside it, the county setting
// of the working days a receiving committee has to 接收 or 退回.
import type { Kysely, Migration } from 'kysely';

export const referralsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('referrals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('from_committee_id', 'text', (c) => c.notNull())
      .addColumn('from_area', 'text', (c) => c.notNull())
      .addColumn('to_committee_id', 'text', (c) => c.notNull())
      .addColumn('to_area', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('referrals_case').on('referrals').columns(['case_id', 'status']).execute();
    await db.schema.createIndex('referrals_county_sent').on('referrals').columns(['county_code', 'sent_at']).execute();
    await db.schema.createTable('referral_settings')
      .addColumn('county_code', 'text', (c) => c.primaryKey())
      .addColumn('due_working_days', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
  },
};
