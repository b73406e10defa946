// The demo's 移交 (seed/demo-referrals.ts): one waiting at the 镇调委会, one accepted there and
// mediated to an agreement (the village's referral carries the outcome, the case is the town's),
// one returned by the 司法所 with its reason — and the county still counts every case once.
import { afterAll, describe, expect, test } from 'vitest';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';
import type { ReferralRecord } from '../../src/shared/referral.ts';
import { closeTestStores, openTestStore } from '../support/stores.ts';

afterAll(closeTestStores);

describe('the demo 移交', () => {
  test('one waiting, one accepted and mediated, one returned', async () => {
    const store = await openTestStore('sqlite');
    const now = new Date('2026-12-07T03:00:00Z');
    await seedIfEmpty(store, { demo: true, now });
    const rows = await store.db.selectFrom('referrals').select(['status', 'data', 'case_id']).orderBy('sent_at').execute();
    const records = rows.map((r) => JSON.parse(r.data) as ReferralRecord);
    expect(records.map((r) => r.status).sort()).toEqual(['accepted', 'returned', 'sent']);
    const accepted = records.find((r) => r.status === 'accepted');
    expect(accepted?.outcome).toMatchObject({ status: 'agreed', outcome: 'success' });
    const held = await store.db.selectFrom('cases').select(['committee_id', 'village_code']).where('id', '=', accepted?.caseId ?? '').executeTakeFirstOrThrow();
    expect(held).toEqual({ committee_id: accepted?.to.committeeId, village_code: '150523100000' });
    expect(records.find((r) => r.status === 'returned')?.returnReason).toBeTruthy();
    // The waiting one is not overdue on the day the demo starts.
    expect((records.find((r) => r.status === 'sent')?.dueOn ?? '') >= '2026-12-07').toBe(true);
  });
});
