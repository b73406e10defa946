// Schema migrations, written in code so one list runs on SQLite and PostgreSQL through Kysely's
// Migrator. A shipped migration is never edited; a change is a new entry with the next number.
import { sql, type Kysely, type Migration } from 'kysely';
import { networkMigration } from '../registry/migration.ts';
import { blobsMigration } from '../blobs/migration.ts';
import { requestsMigration } from '../requests/migration.ts';
import { deviceStatusMigration } from '../api/devices-migration.ts';
import { requestSecretMigration } from '../requests/secret-migration.ts';
import { ledgerRowsMigration } from '../import/migration.ts';
import { compactionMigration } from '../sync/migration.ts';
import { federationCellsMigration, federationMigration, totalsLz4Migration, totalsStaleMigration } from '../federation/migration.ts';
import { auditLogMigration, serverEpochMigration } from '../ops/migration.ts';
import { blobHome, mutationOwner, sessionDevice } from './security-migration.ts';
import { committeeCasesMigration } from '../committees/migration.ts';
import { cellSatisfactionMigration, statTotalsMigration, villageMonthTotalsMigration, villageTotalsMigration } from '../stats/migration.ts';
import { screeningMigration } from '../screening/migration.ts';
import { formNumbersMigration } from '../stats/form-number.ts';
import { mediatorAccountMigration } from '../subsidy/mediator-account.ts';
import { intakePointsMigration } from '../registry/intake-points.ts';
import { orgFieldsMigration, subsidyMigration } from '../subsidy/migration.ts';
import { referralsMigration } from '../referrals/migration.ts';

// Migrations operate on an untyped database: the typed DB describes the latest state only.
type AnyDb = Kysely<unknown>;

const init: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('sync_clock')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into sync_clock (id, seq) values (1, 0)`.execute(db);

    await db.schema.createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('scope_code', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();

    await db.schema.createTable('sync_clients')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema.createTable('devices')
      .addColumn('client_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('user_agent', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .execute();

    await db.schema.createTable('mutation_log')
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('mutation_id', 'text', (c) => c.unique())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('message', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('server_seq', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('mutation_log_pk', ['client_id', 'seq'])
      .execute();
    await db.schema.createIndex('mutation_log_client_server_seq').on('mutation_log').columns(['client_id', 'server_seq']).execute();

    await db.schema.createTable('change_log')
      .addColumn('server_seq', 'bigint', (c) => c.primaryKey())
      .addColumn('commit_seq', 'bigint', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('op', 'text', (c) => c.notNull())
      .addColumn('data', 'text')
      .execute();
    // A pull filters on the column of the puller's level and reads in seq order.
    for (const column of ['village_code', 'town_code', 'county_code'] as const) {
      await db.schema.createIndex(`change_log_${column}_seq`).on('change_log').columns([column, 'server_seq']).execute();
    }

    await db.schema.createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('category_code', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('accepted_on', 'text', (c) => c.notNull())
      .addColumn('case_no', 'text')
      .addColumn('voided', 'integer', (c) => c.notNull())
      .addColumn('needs_review', 'integer', (c) => c.notNull())
      .addColumn('is_difficult', 'integer', (c) => c.notNull())
      .addColumn('agreement_form', 'text')
      .addColumn('amount_yuan', 'double precision', (c) => c.notNull())
      .addColumn('prev_suicide', 'integer', (c) => c.notNull())
      .addColumn('prev_criminal', 'integer', (c) => c.notNull())
      .addColumn('prev_group_petition', 'integer', (c) => c.notNull())
      .addColumn('prev_group_fight', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('field_authors', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cases_village_accepted').on('cases').columns(['village_code', 'accepted_on']).execute();
    await db.schema.createIndex('cases_town_accepted').on('cases').columns(['town_code', 'accepted_on']).execute();
    await db.schema.createIndex('cases_county_accepted').on('cases').columns(['county_code', 'accepted_on']).execute();

    await db.schema.createTable('events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_case').on('events').column('case_id').execute();

    await db.schema.createTable('review_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('field', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'text')
      .execute();
    await db.schema.createIndex('review_items_case').on('review_items').columns(['case_id', 'status']).execute();
    await db.schema.createIndex('review_items_town').on('review_items').columns(['town_code', 'status']).execute();

    await db.schema.createTable('case_numbers')
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_numbers_pk', ['village_code', 'year'])
      .execute();

    await db.schema.createTable('areas')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('parent', 'text')
      .execute();
    await db.schema.createIndex('areas_parent').on('areas').column('parent').execute();

    await db.schema.createTable('committees')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('area_code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
  },
};

// 司法确认 became a case field: its result is a column for the statistics, as the agreement form is.
// Existing cases were never applied for (null), so nothing needs backfilling.
const judicialConfirmation: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('cases').addColumn('judicial_result', 'text').execute();
    await db.schema.alterTable('stat_cells').addColumn('confirmation', 'text').execute();
  },
};

// 0009: accounts managed in the app (server/auth/accounts-routes.ts): a password set by someone
// else must be replaced before it opens a session, and every change to an account is logged.
const accounts: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createTable('account_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('account_log_user').on('account_log').columns(['user_id', 'at']).execute();
    // The last sign-in shown on the 账号 screen is the newest session of each user.
    await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id', 'created_at']).execute();
  },
};

// 0010: 涉及当事人数 (shared/fields), a summed measure: its column on cases and on the cells. Every
// existing case has none recorded (0), so its cells stay right without a refresh.
const partiesInvolved: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('cases').addColumn('parties_involved', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('stat_cells').addColumn('parties_involved', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};

// 0160: town cells, refreshed incrementally (stats/cells.ts). The county cells of hosted counties
// are recomputed from the town cells on the first refresh (`counted` = 0: every case is counted
// afresh); counties imported from other servers keep theirs.
const townCells: Migration = {
  async up(db: AnyDb) {
    await db.schema.createTable('stat_case_keys')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .execute();
    await sql`delete from stat_cells where length(area_code) = 6 and area_code in (select distinct county_code from cases)`.execute(db);
    await db.schema.alterTable('stat_cells_state').addColumn('counted', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};

export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_network': networkMigration,
  '0004_blobs': blobsMigration,
  '0005_requests': requestsMigration,
  '0008_judicial_confirmation': judicialConfirmation,
  '0009_accounts': accounts,
  '0010_parties_involved': partiesInvolved,
  '0020_ledger_rows': ledgerRowsMigration,
  '0030_mutation_owner': mutationOwner,
  '0031_session_device': sessionDevice,
  '0032_blob_home': blobHome,
  '0050_change_log_compaction': compactionMigration,
  '0090_federation': federationMigration,
  '0040_server_epoch': serverEpochMigration,
  '0041_audit_log': auditLogMigration,
  '0060_device_status': deviceStatusMigration,
  '0080_request_secret': requestSecretMigration,
  '0130_cell_satisfaction': cellSatisfactionMigration,
  '0160_town_cells': townCells,
  '0170_committee_cases': committeeCasesMigration,
  '0180_screening': screeningMigration,
  '0181_intake_points': intakePointsMigration,
  '0220_stat_totals': statTotalsMigration,
  '0200_subsidy': subsidyMigration,
  '0201_org_fields': orgFieldsMigration,
  '0240_referrals': referralsMigration,
  '0250_mediator_account': mediatorAccountMigration,
  '0251_form_numbers': formNumbersMigration,
  '0300_village_totals': villageTotalsMigration,
  '0310_totals_lz4': totalsLz4Migration,
  '0320_totals_stale': totalsStaleMigration,
  '0340_village_month_totals': villageMonthTotalsMigration,
  '0350_federation_cells': federationCellsMigration,
};
