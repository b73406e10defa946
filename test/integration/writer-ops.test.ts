// On SQLite a push runs whole on the writer's thread (sync/thread-ops.ts) and a pull's page on a
// reader's (issue #13). Those ops share the group commit with the writes of the main thread: each
// op in its own savepoint, one that fails rolled back alone — including what it wrote before it
// failed — and its caller gets the very ApiError the push raised there (status, code, details).
import { afterAll, describe, expect, test } from 'vitest';
import { kailuAreas } from '../../src/server/seed/kailu.ts';
import { seedAreas } from '../../src/server/seed/areas.ts';
import { createUser } from '../../src/server/auth/users.ts';
import { ApiError } from '../../src/server/http/errors.ts';
import type { Principal } from '../../src/server/auth/principal.ts';
import type { PushDone, PushJob } from '../../src/server/sync/push.ts';
import type { PullOutcome } from '../../src/server/sync/pull.ts';
import type { PushResponse } from '../../src/shared/protocol.ts';
import { closeTestStores, openTestStore } from '../support/stores.ts';
import { Device, caseRecord } from '../support/server-device.ts';

afterAll(closeTestStores);

const VILLAGE = '150523100200';
const OTHER_TOWN_VILLAGE = '150523101200';

describe('ops of the SQLite threads', () => {
  test('queued with the main thread\'s writes: a failing push is rolled back alone and answered with its ApiError', async () => {
    const store = await openTestStore('sqlite');
    await seedAreas(store.db, kailuAreas);
    const userId = await createUser(store.db, { username: 'med', displayName: '调解员', role: 'mediator', scope: VILLAGE, password: 'correct horse battery' });
    const principal: Principal = { userId, username: 'med', displayName: '调解员', role: 'mediator', scope: VILLAGE };
    const job = (device: Device, record = caseRecord(VILLAGE)): PushJob => ({
      text: JSON.stringify({ ...device.request([device.create(record)]), device: { appVersion: 'v-op', pending: 1, deviceTime: '2026-03-10T02:00:00.000Z' } }),
      principal, userAgent: 'test', now: '2026-03-10T02:00:00.000Z', hook: false, ownDevice: false,
    });
    const good = new Device(userId);
    const foreign = new Device(userId);
    const later = new Device(userId);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first write holds the writer, so what follows queues up into one group behind it.
    const first = store.write(async (tx) => {
      await tx.insertInto('areas').values({ code: '990000000001', name: '测试', level: 'village', parent: null }).execute();
      await held;
    });
    const pushed = store.writerOp!<PushDone>({ kind: 'push', job: job(good) });
    const between = store.write((tx) => tx.insertInto('areas').values({ code: '990000000002', name: '测试', level: 'village', parent: null }).execute());
    // Registers its device (a write), then meets a case outside the account's village: 403.
    const refused = store.writerOp!<PushDone>({ kind: 'push', job: job(foreign, caseRecord(OTHER_TOWN_VILLAGE)) });
    refused.catch(() => undefined);
    const after = store.writerOp!<PushDone>({ kind: 'push', job: job(later) });
    release();
    await first;
    await between;

    const done = await pushed;
    expect(done.clientId).toBe(good.clientId);
    expect((JSON.parse(done.json) as PushResponse).results.map((r) => r.status)).toEqual(['applied']);
    expect((JSON.parse((await after).json) as PushResponse).results.map((r) => r.status)).toEqual(['applied']);
    const error = await refused.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'auth.forbidden' });

    const clients = (await store.read.selectFrom('sync_clients').select('client_id').execute()).map((r) => r.client_id).sort();
    expect(clients).toEqual([good.clientId, later.clientId].sort());
    expect(await store.read.selectFrom('cases').select('id').execute()).toHaveLength(2);
    const areas = (await store.read.selectFrom('areas').select('code').where('code', 'like', '9900%').orderBy('code').execute()).map((r) => r.code);
    expect(areas).toEqual(['990000000001', '990000000002']);
    // The report each push carried is written with it, in the same commit.
    const reports = await store.read.selectFrom('devices').select(['client_id', 'app_version']).where('app_version', '=', 'v-op').execute();
    expect(reports.map((r) => r.client_id).sort()).toEqual([good.clientId, later.clientId].sort());
  });

  test('a pull\'s page is read on a reader\'s thread; an unknown device is told so, and a bad body is the push\'s 400', async () => {
    const store = await openTestStore('sqlite');
    await seedAreas(store.db, kailuAreas);
    const userId = await createUser(store.db, { username: 'med', displayName: '调解员', role: 'mediator', scope: VILLAGE, password: 'correct horse battery' });
    const principal: Principal = { userId, username: 'med', displayName: '调解员', role: 'mediator', scope: VILLAGE };
    const device = new Device(userId);
    const record = caseRecord(VILLAGE);
    const push = (text: string) => store.writerOp!<PushDone>({ kind: 'push', job: { text, principal, userAgent: 'test', now: '2026-03-10T02:00:00.000Z', hook: false, ownDevice: false } });

    const notJson = await push('{"protocolVersion":').then(() => undefined, (e: unknown) => e);
    expect(notJson).toBeInstanceOf(ApiError);
    expect(notJson).toMatchObject({ status: 400, code: 'server.badRequest', details: ['body: not JSON'] });

    expect(await store.readerOp!<PullOutcome>({ kind: 'pull', job: { principal, clientId: device.clientId, cursor: 5, limit: 100 } })).toEqual({ unknownClient: true });
    await push(JSON.stringify(device.request([device.create(record)])));
    const page = await store.readerOp!<PullOutcome>({ kind: 'pull', job: { principal, clientId: device.clientId, cursor: 0, limit: 100 } });
    expect('json' in page && JSON.parse(page.json)).toMatchObject({ hasMore: false, lastProcessedSeq: 1, changes: [{ entity: 'case', id: record.id, op: 'upsert' }] });
  });
});
