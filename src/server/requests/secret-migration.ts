// 0080_request_secret: the SHA-256 of the secret a resident's phone sent with its request, so that
// phone (and no one else) can ask how the committee answered. Null for requests from older phones.
import type { Kysely, Migration } from 'kysely';

export const requestSecretMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('mediation_requests').addColumn('secret_hash', 'text').execute();
  },
};
