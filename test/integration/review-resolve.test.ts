// The 待核对 inbox on the device (state/review.ts) against a real server: two devices edit the same
// case offline, the same field conflicts and different fields merge; the town's laptop sees the
// conflict with both values and names, decides it with resolveConflict (a conflict.resolve in the
// outbox, shown as handled until the server says resolved), and after sync both devices agree.
// A refused change is listed beside it; dismissing one is review-dismiss.test.ts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createCase, editCase } from '../../src/state/actions.ts';
import { openReviews, resolveConflict } from '../../src/state/review.ts';
import { undecidedCount } from '../../src/state/review-count.ts';
import { getCase } from '../../src/db/queries.ts';
import { DomainError } from '../../src/db/errors.ts';
import { startHarness, simDevice, VILLAGE_A, TOWN, type Harness, type SimDevice } from '../support/sync-harness.ts';
import { newCaseInput } from '../support/case-factory.ts';

let h: Harness;
let phone: SimDevice;
let laptop: SimDevice;

beforeAll(async () => {
  h = await startHarness();
  phone = await simDevice(h, 'a', VILLAGE_A);
  laptop = await simDevice(h, 'zhen', TOWN);
});
afterAll(async () => {
  await h?.close();
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('resolving a conflict on the device', () => {
  let caseId = '';
  let conflictId = '';

  it('shows a same-field conflict with both values and names; different fields merge', async () => {
    const saved = await createCase(phone, newCaseInput({ villageCode: VILLAGE_A, facts: '原来的情况。', claims: ['原来的请求'], place: '村口' }));
    caseId = saved.id;
    await phone.sync();
    await laptop.sync();
    expect(await getCase(laptop.db, caseId)).toBeDefined();

    phone.net.up = false;
    laptop.net.up = false;
    await editCase(phone, caseId, (c) => ({ ...c, private: { ...c.private, facts: '手机：两家因滴水争执。', place: '张家院墙外' } }));
    await editCase(laptop, caseId, (c) => ({ ...c, private: { ...c.private, facts: '电脑：滴水已持续两年。', claims: ['改造排水沟', '赔偿损失'] } }));
    phone.net.up = true;
    laptop.net.up = true;
    await phone.sync();
    await laptop.sync();
    await phone.sync();

    for (const d of [phone, laptop]) {
      const record = await getCase(d.db, caseId);
      expect(record?.private.place).toBe('张家院墙外');
      expect(record?.private.claims).toEqual(['改造排水沟', '赔偿损失']);
      expect(record?.private.facts).toBe('手机：两家因滴水争执。');
      expect(record?.needsReview).toBe(true);
    }

    const inbox = await openReviews(laptop.db);
    expect(inbox).toHaveLength(1);
    const group = inbox[0];
    expect(group?.record?.id).toBe(caseId);
    expect(group?.entries).toHaveLength(1);
    const entry = group?.entries[0];
    expect(entry?.isHandled).toBe(false);
    expect(entry?.item.conflict).toMatchObject({
      field: 'private.facts', kept: '手机：两家因滴水争执。', other: '电脑：滴水已持续两年。', keptByName: '王建国', otherByName: '刘司法',
    });
    conflictId = entry?.item.id ?? '';
    expect(await undecidedCount(laptop.db)).toBe(1);
    // The mediator's phone got the same item: it is in their village.
    expect((await openReviews(phone.db))[0]?.entries[0]?.item.id).toBe(conflictId);
  });

  it('refuses an empty merge and an unknown item, writing nothing', async () => {
    const before = await laptop.db.outbox.count();
    const empty = await refusal(resolveConflict(laptop, conflictId, '   '));
    expect(empty.code).toBe('transition.invalid');
    expect(empty.fields.merged).toBe('case.facts.required');
    expect((await refusal(resolveConflict(laptop, '01890000-0000-7000-8000-000000000000', 'x'))).code).toBe('review.notFound');
    expect(await laptop.db.outbox.count()).toBe(before);
  });

  it('queues the decision, shows it handled until the server confirms, and refuses a second one', async () => {
    const merged = '电脑：滴水已持续两年。手机：两家因滴水争执。';
    await resolveConflict(laptop, conflictId, merged);
    const queued = await laptop.db.outbox.toArray();
    expect(queued.map((m) => m.name)).toEqual(['conflict.resolve']);
    expect((await getCase(laptop.db, caseId))?.private.facts).toBe(merged);
    const entry = (await openReviews(laptop.db))[0]?.entries[0];
    expect(entry?.item.status).toBe('open');
    expect(entry?.isHandled).toBe(true);
    expect(entry?.decision).toBe(merged);
    expect(await undecidedCount(laptop.db)).toBe(0);
    expect((await refusal(resolveConflict(laptop, conflictId, '第三个版本'))).code).toBe('review.resolved');
    expect(await laptop.db.outbox.count()).toBe(1);

    await laptop.sync();
    await phone.sync();
    for (const d of [phone, laptop]) {
      const record = await getCase(d.db, caseId);
      expect(record?.private.facts).toBe(merged);
      expect(record?.needsReview).toBe(false);
      expect(await openReviews(d.db)).toEqual([]);
      expect((await d.db.review.get(conflictId))?.status).toBe('resolved');
    }
    expect(await laptop.db.outbox.count()).toBe(0);
  });

  it('lists a refused change for 知道了, counted on the badge: it cannot be resolved as a conflict', async () => {
    // editCase does not validate (the form does): an emptied 纠纷简要情况 is refused by the server.
    await editCase(phone, caseId, (c) => ({ ...c, private: { ...c.private, facts: '' } }));
    await phone.sync();
    const entry = (await openReviews(phone.db))[0]?.entries[0];
    expect(entry?.item.kind).toBe('rejected');
    expect(entry?.item.rejected).toMatchObject({ code: 'case.facts.required', message: '请简要写下纠纷情况（谁和谁、因为什么事）', byName: '王建国' });
    expect((await getCase(phone.db, caseId))?.private.facts).toBe('电脑：滴水已持续两年。手机：两家因滴水争执。');
    expect(await undecidedCount(phone.db)).toBe(1);
    expect((await refusal(resolveConflict(phone, entry?.item.id ?? '', 'x'))).code).toBe('review.notFound');
  });
});
