// 知道了 on a refused change, through the real sync engine and server (SQLite, then PostgreSQL):
// the town's laptop records a step that the mediator's phone made stale first; the server refuses
// it and both devices list it in 待核对. A mediator of another village cannot dismiss it (403,
// nothing changes); the laptop's review.dismiss hides it at once there and, after sync, on the
// phone. The item is kept — resolved, with who and when — and shows in the history. Dismissing
// twice (two devices offline) counts once; a refused 受理登记 with no case anywhere is dismissable.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { addSession, createCase, reject } from '../../src/state/actions.ts';
import { dismissRejected, dismissedReviews, openReviews } from '../../src/state/review.ts';
import { undecidedCount } from '../../src/state/review-count.ts';
import { writeDismissal, writeMutations } from '../../src/db/write.ts';
import { getCase } from '../../src/db/queries.ts';
import { DomainError } from '../../src/db/errors.ts';
import { ApiError } from '../../src/sync/http.ts';
import type { ReviewItem } from '../../src/shared/protocol.ts';
import { startHarness, simDevice, VILLAGE_A, VILLAGE_B, TOWN, type Harness, type SimDevice } from '../support/sync-harness.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { caseRecord, newCaseInput } from '../support/case-factory.ts';

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** The open rejected items a device lists in 待核对. */
async function openRefusals(d: SimDevice): Promise<ReviewItem[]> {
  return (await openReviews(d.db)).flatMap((g) => g.entries.map((e) => e.item)).filter((x) => x.kind === 'rejected');
}

function suite(label: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`dismissing a refused change (${label})`, () => {
    let h: Harness;
    let phone: SimDevice;
    let laptop: SimDevice;
    let stranger: SimDevice;
    let caseId = '';
    let itemId = '';

    beforeAll(async () => {
      h = await startHarness(await databaseUrl());
      phone = await simDevice(h, 'a', VILLAGE_A);
      laptop = await simDevice(h, 'zhen', TOWN);
      stranger = await simDevice(h, 'b', VILLAGE_B);
    });
    afterAll(async () => {
      await h?.close();
    });

    const serverRow = (id: string) => h.store.read.selectFrom('review_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('lists a step made stale on another device as refused, on both devices, counted on the badge', async () => {
      caseId = (await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }))).id;
      await phone.sync();
      await laptop.sync();
      phone.net.up = false;
      laptop.net.up = false;
      await addSession(phone, caseId, { at: '2026-11-05T09:00:00.000Z', place: '村委会', participants: [], statements: [], result: '双方各让一步' });
      await reject(laptop, caseId, { reason: '法院已受理', note: '' });
      phone.net.up = true;
      laptop.net.up = true;
      await phone.sync();
      await laptop.sync();
      await phone.sync();

      for (const d of [phone, laptop]) {
        expect((await getCase(d.db, caseId))?.status).toBe('mediating');
        const refused = await openRefusals(d);
        expect(refused).toHaveLength(1);
        expect(refused[0]?.rejected).toMatchObject({ code: 'transition.stale', byName: '刘司法', mutation: { name: 'case.transition', args: { to: 'rejected' } } });
        expect(await undecidedCount(d.db)).toBe(1);
      }
      itemId = (await openRefusals(laptop))[0]?.id ?? '';
    });

    it('refuses a dismissal from a device outside the item’s area: 403, nothing changes', async () => {
      // The stranger's village does not hold the item; a device that guessed its id still cannot touch it.
      expect((await refusal(dismissRejected(stranger, itemId))).code).toBe('review.notFound');
      await writeDismissal(stranger, caseId, itemId);
      const error = await stranger.sync().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(403);
      const row = await serverRow(itemId);
      expect(row.status).toBe('open');
      expect(row.resolved_by).toBeNull();
      await phone.sync();
      expect((await openRefusals(phone)).map((x) => x.id)).toEqual([itemId]);
    });

    it('hides the item on the dismissing device at once and on the other device after sync, keeping it with who and when', async () => {
      await dismissRejected(laptop, itemId);
      expect((await laptop.db.outbox.toArray()).map((m) => m.name)).toEqual(['review.dismiss']);
      expect(await openRefusals(laptop)).toEqual([]);
      expect(await undecidedCount(laptop.db)).toBe(0);
      expect((await refusal(dismissRejected(laptop, itemId))).code).toBe('review.resolved');
      // Not yet on the phone: only the server's answer moves an item there.
      expect((await openRefusals(phone)).map((x) => x.id)).toEqual([itemId]);

      await laptop.sync();
      await phone.sync();
      for (const d of [phone, laptop]) {
        expect(await openRefusals(d)).toEqual([]);
        expect(await undecidedCount(d.db)).toBe(0);
        const history = await dismissedReviews(d.db, caseId);
        expect(history.map((x) => x.id)).toEqual([itemId]);
        expect(history[0]?.status).toBe('resolved');
        expect(history[0]?.dismissed?.byName).toBe('刘司法');
        expect((await getCase(d.db, caseId))?.status).toBe('mediating');
      }
      expect(await laptop.db.outbox.count()).toBe(0);
      const row = await serverRow(itemId);
      const zhen = await h.store.read.selectFrom('users').select('id').where('username', '=', 'zhen').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'resolved', resolved_by: zhen.id, kind: 'rejected' });
      expect(row.resolved_at).not.toBeNull();
      expect((JSON.parse(row.data) as ReviewItem).dismissed).toMatchObject({ by: zhen.id, byName: '刘司法', at: row.resolved_at });
    });

    it('counts a dismissal made on two devices offline once, for whoever reached the server first', async () => {
      // A second stale step (recorded as an old outbox would hold it), refused like the first.
      laptop.net.up = false;
      await writeMutations(laptop, caseId, [{ name: 'case.transition', args: { from: 'accepted', to: 'rejected', rejection: { reason: '其他', note: '' }, eventId: uuidv7(), at: '2026-11-21T08:00:00.000Z' } }]);
      laptop.net.up = true;
      await laptop.sync();
      await phone.sync();
      const second = (await openRefusals(phone))[0]?.id ?? '';
      expect((await openRefusals(laptop)).map((x) => x.id)).toEqual([second]);

      phone.net.up = false;
      laptop.net.up = false;
      await dismissRejected(phone, second);
      await dismissRejected(laptop, second);
      phone.net.up = true;
      laptop.net.up = true;
      await phone.sync();
      await laptop.sync();
      await phone.sync();
      const logs = await h.store.read.selectFrom('mutation_log').select(['result']).where('name', '=', 'review.dismiss').where('payload', 'like', `%${second}%`).execute();
      expect(logs.map((l) => l.result)).toEqual(['applied', 'applied']);
      const a = await h.store.read.selectFrom('users').select('id').where('username', '=', 'a').executeTakeFirstOrThrow();
      expect(await serverRow(second)).toMatchObject({ status: 'resolved', resolved_by: a.id });
      for (const d of [phone, laptop]) {
        expect(await openRefusals(d)).toEqual([]);
        expect((await d.db.review.get(second))?.dismissed?.byName).toBe('王建国');
        expect(await d.db.outbox.count()).toBe(0);
      }
    });

    it('dismisses a refused 受理登记 that is a case on no device but the one that made it', async () => {
      // Written past the form's checks: the server refuses a 受理 with no facts.
      const record = caseRecord({ villageCode: VILLAGE_A, private: { parties: newCaseInput().parties, facts: '', claims: [], place: '' } });
      await writeMutations(phone, record.id, [{ name: 'case.create', args: { record } }]);
      await phone.sync();
      await laptop.sync();
      const refused = (await openRefusals(laptop)).find((x) => x.caseId === record.id);
      expect(refused?.rejected?.mutation.name).toBe('case.create');
      expect(await getCase(laptop.db, record.id)).toBeUndefined();

      await dismissRejected(laptop, refused?.id ?? '');
      await laptop.sync();
      await phone.sync();
      for (const d of [phone, laptop]) expect((await openRefusals(d)).filter((x) => x.caseId === record.id)).toEqual([]);
      expect((await serverRow(refused?.id ?? '')).status).toBe('resolved');
      expect(await h.store.read.selectFrom('cases').select('id').where('id', '=', record.id).executeTakeFirst()).toBeUndefined();
    });
  });
}

afterAll(closeTestStores);
for (const kind of storeKinds) suite(storeLabel[kind], () => testDatabaseUrl(kind));
