// A first pull is served from the current state, not the history (pull.ts, latest.ts), and the
// compaction of change_log (compact.ts) never drops a change that a device in use has not pulled.
import { afterAll, describe, expect, test } from 'vitest';
import type { CaseRecord } from '../../src/shared/case.ts';
import type { Change } from '../../src/shared/protocol.ts';
import { compactChangeLog, RETENTION_DAYS } from '../../src/server/sync/compact.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { makeHarness, type Harness, type TestUser } from '../support/server.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';

afterAll(closeTestStores);

const EDITS = 5;

/** Cases with a session each, then EDITS pushes that each change every case's facts once. */
async function casesWithHistory(h: Harness, user: TestUser, dev: Device, count: number): Promise<CaseRecord[]> {
  const records = Array.from({ length: count }, () => caseRecord(user.scope));
  await h.push(user, dev.request(records.flatMap((r) => [dev.create(r), dev.event(r, session())])));
  for (let edit = 1; edit <= EDITS; edit++) await editAll(h, user, dev, records, edit);
  return records;
}

const factsAt = (edit: number) => `第${edit}次补充的情况`;

async function editAll(h: Harness, user: TestUser, dev: Device, records: CaseRecord[], edit: number): Promise<void> {
  const base = edit === 1 ? records[0]?.private.facts : factsAt(edit - 1);
  const reply = await h.push(user, dev.request(records.map((r) => dev.patch(r.id, { 'private.facts': { base, next: factsAt(edit) } }))));
  expect(reply.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
}

async function logRows(h: Harness): Promise<number> {
  const row = await h.store.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a device holds after applying `changes` in order: the last row of each record. */
function finalState(changes: Change[]): Map<string, unknown> {
  const state = new Map<string, unknown>();
  for (const c of changes) {
    const key = `${c.entity}:${c.id}`;
    if (c.op === 'evict') state.delete(key);
    else state.set(key, c.data);
  }
  return state;
}

describe.each(storeKinds)('first pull and compaction on %s', (kind) => {
  test('a fresh pull after 5 edits per case returns one change per case, plus its events', async () => {
    const h = await makeHarness(kind);
    const { med } = h.users;
    const records = await casesWithHistory(h, med, med.device, 12);
    // The history is in the log: a create and five edits of each case, and the events.
    expect(await logRows(h)).toBe(12 * (2 + EDITS));

    const phone = new Device(med.id);
    const { changes } = await h.pullAll(med, 0, { device: phone, limit: 5 });
    const cases = changes.filter((c) => c.entity === 'case');
    expect(cases.map((c) => c.id).sort()).toEqual(records.map((r) => r.id).sort());
    for (const c of cases) expect(c.op === 'upsert' && c.data.private.facts).toBe(factsAt(EDITS));
    expect(changes.filter((c) => c.entity === 'event')).toHaveLength(12);
    expect(changes).toHaveLength(24);
  });

  test('a first pull stays complete when cases change between its pages', async () => {
    const h = await makeHarness(kind);
    const { med } = h.users;
    const records = await casesWithHistory(h, med, med.device, 10);
    const phone = new Device(med.id);
    const first = await h.pull(med, 0, { device: phone, limit: 4 });
    expect(first.body.hasMore).toBe(true);
    // Every case changes again, including those the phone already has.
    await editAll(h, med, med.device, records, EDITS + 1);
    const rest = await h.pullAll(med, first.body.cursor, { device: phone });
    const held = finalState([...first.body.changes, ...rest.changes]);
    for (const r of records) expect((held.get(`case:${r.id}`) as CaseRecord).private.facts).toBe(factsAt(EDITS + 1));
    // From the snapshot's clock on, the log is sent as it is: the new edit arrives for every case.
    expect(rest.changes.filter((c) => c.entity === 'case')).toHaveLength(10 + first.body.changes.filter((c) => c.entity === 'case').length);
  });

  test('compaction keeps every change a device in use has not pulled, and drops the rest of the history', async () => {
    const h = await makeHarness(kind);
    const { med } = h.users;
    const records = await casesWithHistory(h, med, med.device, 8);
    // A phone pulls everything, then stays away while every case is edited five more times.
    const behind = new Device(med.id);
    const behindCursor = (await h.pullAll(med, 0, { device: behind })).last.cursor;
    for (let edit = EDITS + 1; edit <= 2 * EDITS; edit++) await editAll(h, med, med.device, records, edit);
    // The phone that made the edits, and another one, pull right to the end.
    await h.pullAll(med, 0);
    const current = new Device(med.id);
    const upToDate = await h.pullAll(med, 0, { device: current });
    const owed = await h.store.db.selectFrom('change_log').select('server_seq').where('server_seq', '>', behindCursor).orderBy('server_seq').execute();

    const compacted = await compactChangeLog(h.store, h.cursors, () => h.clock.now);
    expect(compacted.floor).toBe(behindCursor);
    expect(compacted.deleted).toBeGreaterThan(0);
    // Everything after the phone's cursor is still there, change for change.
    const after = await h.pullAll(med, behindCursor, { device: behind });
    expect(after.changes.map((c) => c.serverSeq)).toEqual(owed.map((r) => Number(r.server_seq)));

    // Once it shows it applied that (its next pull's cursor), the history behind it goes too, and
    // a new phone still gets every case.
    await h.pull(med, after.last.cursor, { device: behind });
    const again = await compactChangeLog(h.store, h.cursors, () => h.clock.now);
    expect(again.floor).toBeGreaterThanOrEqual(after.last.cursor);
    expect(again.deleted).toBeGreaterThan(0);
    expect(await logRows(h)).toBe(8 * 2);
    const fresh = await h.pullAll(med, 0, { device: new Device(med.id) });
    expect(finalState(fresh.changes)).toEqual(finalState(upToDate.changes));
    expect(finalState(after.changes).get(`case:${records[0]?.id}`)).toEqual(finalState(upToDate.changes).get(`case:${records[0]?.id}`));
  });

  test(`a device silent for more than ${RETENTION_DAYS} days no longer holds compaction back, and still converges`, async () => {
    const h = await makeHarness(kind);
    const { med } = h.users;
    const records = await casesWithHistory(h, med, med.device, 6);
    const silent = new Device(med.id);
    const silentCursor = (await h.pullAll(med, 0, { device: silent })).last.cursor;
    await compactChangeLog(h.store, h.cursors, () => h.clock.now);
    for (let edit = EDITS + 1; edit <= 2 * EDITS; edit++) await editAll(h, med, med.device, records, edit);

    h.clock.now = new Date(h.clock.now.getTime() + (RETENTION_DAYS + 1) * 86_400_000);
    med.token = (await createSession(h.store.db, med.id, med.device.clientId, h.clock.now)).token;
    await h.pullAll(med, 0);
    const current = new Device(med.id);
    const upToDate = await h.pullAll(med, 0, { device: current });
    const compacted = await compactChangeLog(h.store, h.cursors, () => h.clock.now);
    expect(compacted.floor).toBeGreaterThan(silentCursor);
    expect(compacted.deleted).toBeGreaterThan(0);

    // Its history was dropped; what is left brings it to the same state as the phone in use.
    // A phone silent that long finds its session expired and signs in again.
    await h.signInAgain(med, silent.clientId);
    const back = await h.pullAll(med, silentCursor, { device: silent });
    const held = finalState(back.changes);
    for (const r of records) expect(held.get(`case:${r.id}`)).toEqual(finalState(upToDate.changes).get(`case:${r.id}`));
  });
});
