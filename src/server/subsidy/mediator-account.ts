// 0250_mediator_account: a registry mediator's own sign-in account (users.id). 调解员考核 credits a
// case to a mediator by this account (the account that wrote the case's 调解员 list), so two
// mediators with the same name in one area never merge (issue #15). Null: not linked yet; such a
// mediator is credited by name only where no one else in the area shares it.
import type { Kysely, Migration } from 'kysely';

export const mediatorAccountMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('mediators').addColumn('account_id', 'text').execute();
  },
};
