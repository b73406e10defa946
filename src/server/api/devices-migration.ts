// 0060: what each phone reports with its syncs (设备 list) and the reason a phone was revoked.
import type { Kysely, Migration } from 'kysely';

export const deviceStatusMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('devices').addColumn('app_version', 'text').execute();
    await db.schema.alterTable('devices').addColumn('pending_changes', 'integer').execute();
    await db.schema.alterTable('devices').addColumn('storage_bytes', 'bigint').execute();
    await db.schema.alterTable('devices').addColumn('clock_skew_ms', 'bigint').execute();
    await db.schema.alterTable('devices').addColumn('reported_at', 'text').execute();
    await db.schema.alterTable('devices').addColumn('revoke_reason', 'text').execute();
  },
};
