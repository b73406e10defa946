// Issue #12's schema changes (numbers 0030–0039).
import { sql, type Kysely, type Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

// 0030: a mutationId is unique per account, not across the server. `mutation_id` stays unique
// (and is left empty when another account's row holds the id); `owner_mutation_id` is
// "userId:mutationId", the key a repeat is recognised by.
export const mutationOwner: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('mutation_log').addColumn('owner_mutation_id', 'text').execute();
    await sql`update mutation_log set owner_mutation_id = user_id || ':' || mutation_id where mutation_id is not null`.execute(db);
    await db.schema.createIndex('mutation_log_owner_mutation').unique().on('mutation_log').column('owner_mutation_id').execute();
  },
};

// 0031: a session belongs to the device (clientId) it was opened on. Sessions opened before
// have none and are refused: their phones sign in again once.
export const sessionDevice: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('sessions').addColumn('client_id', 'text').execute();
    await db.schema.createIndex('sessions_client').on('sessions').column('client_id').execute();
  },
};

// 0032: a blob's home case. Blobs stored before get the case of the earliest attachment event
// (by server time) that names their hash — the case they were uploaded for.
export const blobHome: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('blobs').addColumn('home_case_id', 'text').execute();
    const blobs = await sql<{ sha256: string }>`select sha256 from blobs`.execute(db);
    const pending = new Set(blobs.rows.map((b) => b.sha256));
    if (pending.size === 0) return;
    const events = await sql<{ case_id: string; data: string }>`select case_id, data from events where kind = 'attachment' order by created_at, id`.execute(db);
    for (const event of events.rows) {
      const sha256 = (JSON.parse(event.data) as { data?: { sha256?: unknown } }).data?.sha256;
      if (typeof sha256 !== 'string' || !pending.delete(sha256)) continue;
      await sql`update blobs set home_case_id = ${event.case_id} where sha256 = ${sha256}`.execute(db);
      if (pending.size === 0) return;
    }
  },
};
