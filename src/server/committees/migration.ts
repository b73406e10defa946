// 0170_committee_cases (issue #14): any registered committee holds cases. A case, its events and
// review items and their change_log rows carry the committee that holds the case; an account
// belongs to committees (user_committees); a committee may have a short name for its case numbers
// (（2026）开鲁镇调字第N号). Every existing case was a village's, so it goes to its village's own
// 村/居 committee, and every village mediator becomes a member of it: nothing is lost, and a
// mediator's phone keeps pulling exactly what it pulled before.
import { sql, type Kysely, type Migration } from 'kysely';

export const committeeCasesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('committees').addColumn('short_name', 'text').execute();
    await db.schema.createTable('user_committees')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('committee_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_committees_pk', ['user_id', 'committee_id'])
      .execute();
    await db.schema.createIndex('user_committees_committee').on('user_committees').column('committee_id').execute();
    for (const table of ['cases', 'events', 'review_items', 'change_log']) {
      await db.schema.alterTable(table).addColumn('committee_id', 'text').execute();
      // Legacy rows are all a village's: its own committee (area_code is unique).
      await sql`update ${sql.table(table)} set committee_id = (select k.id from committees k where k.area_code = ${sql.ref(`${table}.village_code`)})`.execute(db);
    }
    await db.schema.createIndex('cases_committee_accepted').on('cases').columns(['committee_id', 'accepted_on']).execute();
    await db.schema.createIndex('change_log_committee_seq').on('change_log').columns(['committee_id', 'server_seq']).execute();
    // 调解主体 is a dimension of the statistics: every hosted case is counted afresh on the next
    // refresh. Cells imported from another county's server say nothing of it (null: 未分).
    await db.schema.alterTable('stat_cells').addColumn('committee_type', 'text').execute();
    await sql`update stat_cells_state set counted = 0 where id = 1`.execute(db);
    await sql`insert into user_committees (user_id, committee_id)
      select u.id, k.id from users u join committees k on k.area_code = u.scope_code where u.role = 'mediator'`.execute(db);
  },
};
