// The blob tables. Photo bytes live in the database, not in files under DATA_DIR: one store to
// back up and restore (the SQLite file, or PostgreSQL with its dumps and replicas), bytes and
// metadata in the same transactions, and several server processes sharing one PostgreSQL see
// the same blobs. Photos are ≤ 400 KB after compression (≤ 5 MB at most), which both handle well.
import type { Kysely, Migration } from 'kysely';

// The declared type `bytea` is PostgreSQL's binary type; SQLite accepts any declared type and
// stores a Buffer as a BLOB whatever the column's affinity, so one migration serves both.
const BINARY = 'bytea';

export const blobsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('blobs')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', BINARY, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();

    // Pieces of an upload still under way, contiguous from 0 (blobs/store.ts appends only at the
    // received offset). Assembled into `blobs` and deleted when the last piece arrives.
    await db.schema.createTable('blob_parts')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('start_byte', 'integer', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('bytes', BINARY, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_parts_pk', ['sha256', 'start_byte'])
      .execute();
  },
};
