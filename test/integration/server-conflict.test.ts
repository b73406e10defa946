// Conflicts (sync.md §3): different fields merge; the same field keeps the first-applied value
// and the other goes to the town's review inbox until conflict.resolve. Also: a case moving
// village is evicted from the old scope, and a revoked phone is told to wipe.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { Change, ReviewItem } from '../../src/shared/protocol.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('conflicts and scope changes on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('different fields merge; the same field keeps the first value and waits for review', async () => {
    const { med, town } = h.users;
    const phone = new Device(med.id);
    const laptop = new Device(town.id);
    const record = caseRecord(med.scope);
    await h.push(med, phone.request([phone.create(record)]));
    const base = record.private.facts;
    // Both edited offline from the same base: the phone changes facts; the laptop facts and place.
    const fromPhone = phone.patch(record.id, { 'private.facts': { base, next: '手机上补充的情况' } });
    const fromLaptop = laptop.patch(record.id, {
      'private.facts': { base, next: '电脑上补充的情况' }, 'private.place': { base: '五家村', next: '镇司法所' },
    });
    expect((await h.push(med, phone.request([fromPhone]))).body.results[0]?.status).toBe('applied');
    expect((await h.push(town, laptop.request([fromLaptop]))).body.results[0]?.status).toBe('applied');

    const detail = await h.call('GET', `/api/cases/${record.id}`, { token: town.token });
    expect(detail.body.case.private.facts).toBe('手机上补充的情况');
    expect(detail.body.case.private.place).toBe('镇司法所');
    expect(detail.body.case.needsReview).toBe(true);
    expect(detail.body.case.version).toBe(3);

    const inbox = await h.call<{ items: ReviewItem[] }>('GET', `/api/review?status=open&caseId=${record.id}`, { token: town.token });
    expect(inbox.body.items).toHaveLength(1);
    const item = inbox.body.items[0];
    expect(item?.conflict).toMatchObject({ field: 'private.facts', kept: '手机上补充的情况', other: '电脑上补充的情况', keptBy: med.id, otherBy: town.id });

    // The mediator's phone receives the review item and the 待核对 flag too.
    const { changes } = await h.pullAll(med);
    expect(changes.some((c) => c.entity === 'review' && c.id === item?.id)).toBe(true);

    const resolve = laptop.resolve(record.id, item?.id ?? '', 'private.facts', '电脑上补充的情况');
    expect((await h.push(town, laptop.request([resolve]))).body.results[0]?.status).toBe('applied');
    const resolved = await h.call('GET', `/api/cases/${record.id}`, { token: town.token });
    expect(resolved.body.case.private.facts).toBe('电脑上补充的情况');
    expect(resolved.body.case.needsReview).toBe(false);
    expect((await h.call('GET', `/api/review?status=open&caseId=${record.id}`, { token: town.token })).body.items).toHaveLength(0);

    // Resolving it a second time is refused and kept, not silently applied.
    const again = laptop.resolve(record.id, item?.id ?? '', 'private.facts', '第三个版本');
    expect((await h.push(town, laptop.request([again]))).body.results[0]).toMatchObject({ status: 'rejected', code: 'review.resolved' });
  });

  test('needsReview stays while another conflict of the case is open', async () => {
    const { med, town } = h.users;
    const phone = new Device(med.id);
    const laptop = new Device(town.id);
    const record = caseRecord(med.scope);
    await h.push(med, phone.request([phone.create(record)]));
    await h.push(med, phone.request([phone.patch(record.id, { categoryCode: { base: '02', next: '03' }, 'private.place': { base: '五家村', next: 'A' } })]));
    await h.push(town, laptop.request([laptop.patch(record.id, { categoryCode: { base: '02', next: '06' }, 'private.place': { base: '五家村', next: 'B' } })]));
    const items = (await h.call<{ items: ReviewItem[] }>('GET', `/api/review?status=open&caseId=${record.id}`, { token: town.token })).body.items;
    expect(items.map((i) => i.conflict?.field).sort()).toEqual(['categoryCode', 'private.place']);
    const first = items.find((i) => i.conflict?.field === 'categoryCode');
    await h.push(town, laptop.request([laptop.resolve(record.id, first?.id ?? '', 'categoryCode', '03')]));
    expect((await h.call('GET', `/api/cases/${record.id}`, { token: town.token })).body.case.needsReview).toBe(true);
  });

  test('a case moved to another village is evicted from the old scope and arrives in the new one', async () => {
    const { med, med2, town } = h.users;
    const record = caseRecord(med.scope);
    await h.push(med, med.device.request([med.device.create(record), med.device.event(record, session())]));
    const medCursor = (await h.pullAll(med)).last.cursor;
    const med2Cursor = (await h.pullAll(med2)).last.cursor;

    const laptop = new Device(town.id);
    const move = laptop.patch(record.id, { villageCode: { base: med.scope, next: med2.scope } });
    expect((await h.push(town, laptop.request([move]))).body.results[0]?.status).toBe('applied');

    const old = (await h.pullAll(med, medCursor)).changes;
    expect(old).toEqual([expect.objectContaining({ entity: 'case', op: 'evict', id: record.id })]);
    const arrived = (await h.pullAll(med2, med2Cursor)).changes;
    const upsert = arrived.find((c): c is Extract<Change, { entity: 'case'; op: 'upsert' }> => c.entity === 'case' && c.op === 'upsert' && c.id === record.id);
    expect(upsert?.data).toMatchObject({ villageCode: med2.scope, townCode: '150523100' });
    expect(arrived.filter((c) => c.entity === 'event').map((c) => c.entity === 'event' && c.op === 'upsert' && c.data.villageCode)).toEqual([med2.scope]);
    expect((await h.call('GET', `/api/cases/${record.id}`, { token: med.token })).status).toBe(403);
    expect((await h.call('GET', `/api/cases/${record.id}`, { token: med2.token })).status).toBe(200);
    // A town that sees both villages gets the eviction before the new copy, so it keeps the case.
    const townChanges = (await h.pullAll(town)).changes.filter((c) => c.id === record.id);
    const ops = townChanges.map((c) => c.op);
    expect(ops.lastIndexOf('evict')).toBeLessThan(ops.lastIndexOf('upsert'));
  });

  test('a revoked phone is told to wipe on its next pull and may not push', async () => {
    const { med, town } = h.users;
    const phone = new Device(med.id);
    const record = caseRecord(med.scope);
    await h.push(med, phone.request([phone.create(record)]));
    expect((await h.call('POST', `/api/devices/${phone.clientId}/revoke`, { token: med.token })).status).toBe(403);
    expect((await h.pull(med, 0, { device: phone })).body.wipe).toBeUndefined();
    const revoke = await h.call('POST', `/api/devices/${phone.clientId}/revoke`, { token: town.token });
    expect(revoke.status).toBe(200);
    const pull = await h.pull(med, 0, { device: phone });
    expect(pull.status).toBe(200);
    expect(pull.body).toMatchObject({ wipe: true, changes: [] });
    const push = await h.push(med, phone.request([phone.patch(record.id, { isDifficult: { base: false, next: true } })]));
    expect(push.status).toBe(403);
    expect((push.body as unknown as { error: { code: string } }).error.code).toBe('device.revoked');
    // The same user's other phone is unaffected.
    expect((await h.pull(med, 0)).body.wipe).toBeUndefined();
  });
});
