// 0020_ledger_rows: what each imported ledger row said, by case, so importing a corrected ledger
// can tell 更新 from 未变 and the same rows in another order or format never count twice.
import type { Kysely, Migration } from 'kysely';

export const ledgerRowsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('ledger_rows')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('imported_by', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .execute();
  },
};
