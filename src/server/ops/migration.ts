// 0040: the server's epoch, a random id that changes when a backup is restored (cli/restore.ts),
// so a phone that synced with the lost timeline knows to send again what the server lost
// (sync/restore.ts on the device). 0041: the audit log of every view or export of personal data.
import { sql, type Kysely, type Migration } from 'kysely';
import { uuidv7 } from 'uuidv7';

type AnyDb = Kysely<unknown>;

export const serverEpochMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('server_epoch')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('epoch', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into server_epoch (id, epoch) values (1, ${uuidv7()})`.execute(db);
  },
};

export const auditLogMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      // What was seen: a case id, a blob hash, a report's area and period — never the content.
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      // The area the viewed data belongs to (a county administrator reads their county's rows).
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
    await db.schema.createIndex('audit_log_area').on('audit_log').columns(['area_code', 'at']).execute();
    await db.schema.createIndex('audit_log_user').on('audit_log').columns(['user_id', 'at']).execute();
  },
};
