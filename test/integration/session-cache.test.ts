// Sessions remembered between requests (issue #13, auth/session-cache.ts) on SQLite and
// PostgreSQL: a token is looked up once, and then read from memory — until anything that could
// change the answer is written (store/write-watch.ts): a revoked session, a revoked device, a
// disabled account are refused on the very next lookup, also when the lookup ran between the write
// and its COMMIT. What a push writes (cursors, cases) leaves the cache alone.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { SessionCache } from '../../src/server/auth/session-cache.ts';
import { movesCaches } from '../../src/server/store/write-watch.ts';
import { Device } from '../support/server-device.ts';
import { createSession } from '../../src/server/auth/sessions.ts';

afterAll(closeTestStores);

/** Counts the session lookups that reach the database. */
function counter(): { plugin: KyselyPlugin; lookups: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery(args) {
        const from = (args.node as { from?: { froms?: { table?: { identifier?: { name?: string } } }[] } }).from?.froms?.[0]?.table?.identifier?.name;
        if (args.node.kind === 'SelectQueryNode' && from === 'sessions') n++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    lookups: () => n,
  };
}

describe.each(storeKinds)('session cache on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('a token is looked up once; a push-shaped write keeps it; a revoked session, device or account is refused at once', async () => {
    const count = counter();
    const cache = new SessionCache(() => h.store.read.withPlugin(count.plugin));
    const user = h.users.med;
    const device = new Device(user.id);
    const token = await h.tokenFor(user, device.clientId);
    const now = h.clock.now;
    // The session was just written outside a transaction: the next COMMIT moves the counter once
    // more (write-watch.ts cannot tell an autocommit from a transaction's statement). Let it pass.
    await h.store.write(async () => undefined);
    const first = await cache.find(token, now);
    expect(first.ok && first.principal.userId).toBe(user.id);
    expect((await cache.find(token, now)).ok).toBe(true);
    expect(await cache.row(token)).toMatchObject({ userId: user.id, clientId: device.clientId });
    expect(count.lookups()).toBe(1);

    // What a push writes — its device's cursor and seq, its cases' change rows — changes no session.
    await h.store.write(async (tx) => {
      await tx.insertInto('sync_clients').values({ client_id: device.clientId, user_id: user.id, last_seq: 0, revoked: 0, created_at: 'x', last_seen_at: 'x' }).onConflict((oc) => oc.column('client_id').doNothing()).execute();
      await tx.updateTable('sync_clients').set({ last_seq: 5, pull_cursor: 3 }).where('client_id', '=', device.clientId).execute();
    });
    expect((await cache.find(token, now)).ok).toBe(true);
    expect(count.lookups()).toBe(1);

    // The session revoked (as sign-out does): refused on the next lookup.
    await h.store.db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('user_id', '=', user.id).where('client_id', '=', device.clientId).execute();
    expect(await cache.find(token, now)).toEqual({ ok: false, reason: 'missing' });
    expect(count.lookups()).toBe(2);
  });

  test('a lookup made between the write and its COMMIT is not kept: the device revoked in a write transaction is refused after it', async () => {
    const cache = new SessionCache(() => h.store.read);
    const user = h.users.med;
    const device = new Device(user.id);
    const { token } = await createSession(h.store.db, user.id, device.clientId, h.clock.now);
    await h.store.db.insertInto('sync_clients').values({ client_id: device.clientId, user_id: user.id, last_seq: 0, revoked: 0, created_at: 'x', last_seen_at: 'x' }).execute();
    expect((await cache.find(token, h.clock.now)).ok).toBe(true);
    await h.store.write(async (tx) => {
      await tx.updateTable('sync_clients').set({ revoked: 1 }).where('client_id', '=', device.clientId).execute();
      // Another request meanwhile reads the row as committed so far: the device still looks live.
      expect((await cache.find(token, h.clock.now)).ok).toBe(true);
    });
    expect(await cache.find(token, h.clock.now)).toEqual({ ok: false, reason: 'missing' });
    const row = await cache.row(token);
    expect(row?.deviceRevoked).toBe(1);
  });

  test('a disabled account is refused on the next lookup', async () => {
    const cache = new SessionCache(() => h.store.read);
    const user = h.users.medB;
    const device = new Device(user.id);
    const { token } = await createSession(h.store.db, user.id, device.clientId, h.clock.now);
    expect((await cache.find(token, h.clock.now)).ok).toBe(true);
    await h.store.write((tx) => tx.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute());
    expect(await cache.find(token, h.clock.now)).toEqual({ ok: false, reason: 'missing' });
    await h.store.write((tx) => tx.updateTable('users').set({ disabled: 0 }).where('id', '=', user.id).execute());
    expect((await cache.find(token, h.clock.now)).ok).toBe(true);
  });
});

describe('which writes move the cache counter', () => {
  test('push-shaped writes do not; sessions, accounts, revocations, committees, epochs and schema changes do', async () => {
    const { Kysely, SqliteDialect } = await import('kysely');
    const { default: Database } = await import('better-sqlite3');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    const { sql } = await import('kysely');
    const node = (q: { toOperationNode(): unknown }) => q.toOperationNode() as Parameters<typeof movesCaches>[0];
    expect(movesCaches(node(db.insertInto('cases').values({ id: 'x' })))).toBe(false);
    expect(movesCaches(node(db.updateTable('sync_clients').set({ last_seq: 1, last_seen_at: 'x' })))).toBe(false);
    expect(movesCaches(node(db.selectFrom('sessions').selectAll()))).toBe(false);
    expect(movesCaches(node(sql`update sync_clock set seq = seq + ${1} where id = 1 returning seq`))).toBe(false);
    expect(movesCaches(node(sql`savepoint write`))).toBe(false);
    expect(movesCaches(node(db.updateTable('sync_clients').set({ revoked: 1 })))).toBe(true);
    expect(movesCaches(node(db.deleteFrom('sync_clients')))).toBe(true);
    expect(movesCaches(node(db.updateTable('sessions').set({ revoked_at: 'x' })))).toBe(true);
    expect(movesCaches(node(db.updateTable('users').set({ disabled: 1 })))).toBe(true);
    expect(movesCaches(node(db.insertInto('user_committees').values({ user_id: 'u' })))).toBe(true);
    expect(movesCaches(node(sql`update server_epoch set epoch = ${'e'} where id = 1`))).toBe(true);
    expect(movesCaches(node(db.schema.alterTable('users').addColumn('x', 'text')))).toBe(true);
    await db.destroy();
  });
});
