// 0050_change_log_compaction (issue #13): what a first pull and the compaction of change_log need.
// - sync_clients.pull_cursor: the newest cursor the device has shown it applied (cursors.ts);
//   compaction never goes past the oldest of the devices still in use (0 for a device registered
//   before this migration until it next pulls: compaction waits for it rather than guess).
// - sync_clients.snapshot_seq: the clock when the device last pulled from cursor 0; up to it the
//   device is served the latest row of each record only (pull.ts), not the history.
// - an index to find a row's newer version: (entity, entity_id, village_code) is a record's place.
import type { Kysely, Migration } from 'kysely';

export const compactionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sync_clients').addColumn('pull_cursor', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('sync_clients').addColumn('snapshot_seq', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('change_log_record_seq').on('change_log').columns(['entity_id', 'entity', 'village_code', 'server_seq']).execute();
  },
};
