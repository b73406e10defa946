// The page a push answer carries (PushResponse.page): given only when nothing else in the
// device's scope committed since its cursor, and then exactly what a pull from that cursor
// returns — so applying it instead of pulling can never skip a change. SQLite and PostgreSQL.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { PushRequest } from '../../src/shared/protocol.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness, type TestUser } from '../support/server.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('the page in a push answer on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  /** The cursor a device of `user` has after pulling everything. */
  const caughtUp = async (user: TestUser, device: Device) => (await h.pullAll(user, 0, { device })).last.cursor;
  const withCursor = (request: PushRequest, cursor: number): PushRequest => ({ ...request, cursor });

  test('is the pull page after the cursor: the push\'s own changes, whole, with the batch acknowledged', async () => {
    const { med } = h.users;
    const dev = new Device(med.id);
    const cursor = await caughtUp(med, dev);
    const a = caseRecord(med.scope);
    const b = caseRecord(med.scope);
    const reply = await h.push(med, withCursor(dev.request([dev.create(a), dev.create(b), dev.event(a, session())]), cursor));
    expect(reply.status).toBe(200);
    const page = reply.body.page;
    expect(page).toBeDefined();
    const pulled = await h.pull(med, cursor, { device: dev });
    // The same page, less the epoch a pull answer names at its top level (the push answer names it).
    expect({ ...page, epoch: reply.body.epoch }).toEqual(pulled.body);
    expect(page?.hasMore).toBe(false);
    expect(page?.lastProcessedSeq).toBe(3);
    expect(page?.changes.map((c) => c.id).sort()).toEqual([a.id, b.id, expect.any(String)].sort());
    const numbered = page?.changes.filter((c) => c.entity === 'case').map((c) => (c.op === 'upsert' && c.entity === 'case' ? c.data.caseNo : null));
    expect(numbered?.every((no) => typeof no === 'string' && no.includes('调字第'))).toBe(true);
  });

  test('changes outside the scope in between do not stop it, and are not in it', async () => {
    const { med, med2 } = h.users;
    const dev = new Device(med.id);
    const cursor = await caughtUp(med, dev);
    expect((await h.push(med2, med2.device.request([med2.device.create(caseRecord(med2.scope))]))).status).toBe(200);
    const mine = caseRecord(med.scope);
    const reply = await h.push(med, withCursor(dev.request([dev.create(mine)]), cursor));
    expect(reply.body.page?.changes.map((c) => c.id)).toEqual([mine.id]);
    expect({ ...reply.body.page, epoch: reply.body.epoch }).toEqual((await h.pull(med, cursor, { device: dev })).body);
  });

  test('a change in scope in between: no page, and a pull from the cursor brings both', async () => {
    const { med, town } = h.users;
    const dev = new Device(med.id);
    const cursor = await caughtUp(med, dev);
    const theirs = caseRecord(med.scope);
    expect((await h.push(town, town.device.request([town.device.create(theirs)]))).status).toBe(200);
    const mine = caseRecord(med.scope);
    const reply = await h.push(med, withCursor(dev.request([dev.create(mine)]), cursor));
    expect(reply.body.results[0]?.status).toBe('applied');
    expect(reply.body.page).toBeUndefined();
    const { changes, last } = await h.pullAll(med, cursor, { device: dev });
    expect(changes.map((c) => c.id)).toEqual([theirs.id, mine.id]);
    expect(last.lastProcessedSeq).toBe(1);
  });

  test('no page without a cursor, for a cursor past the push, or for a batch already processed', async () => {
    const { med } = h.users;
    const dev = new Device(med.id);
    const cursor = await caughtUp(med, dev);
    const first = dev.request([dev.create(caseRecord(med.scope))]);
    expect((await h.push(med, first)).body.page).toBeUndefined();
    expect((await h.push(med, withCursor(first, cursor))).body.page).toBeUndefined(); // a repeat: nothing committed
    const ahead = await h.push(med, withCursor(dev.request([dev.create(caseRecord(med.scope))]), cursor + 1_000_000));
    expect(ahead.body.results[0]?.status).toBe('applied');
    expect(ahead.body.page).toBeUndefined();
  });

  test('a cursor that is not a whole number ≥ 0 is refused before anything is applied', async () => {
    const { med } = h.users;
    const dev = new Device(med.id);
    const reply = await h.push(med, withCursor(dev.request([dev.create(caseRecord(med.scope))]), -1));
    expect(reply.status).toBe(400);
    expect((await h.push(med, withCursor(dev.request([]), 1.5))).status).toBe(400);
  });
});
