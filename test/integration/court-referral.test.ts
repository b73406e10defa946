// 诉调对接 round trip on SQLite and PostgreSQL: a case the county court delegated is pushed with its
// court reference (a bad 案号 is refused into 待核对 with the sentence that says what to fix),
// mediated to an agreement, its result returned — the 调解结果告知函 built from the server's copy
// names the court and its 案号 — and the county's figures count it as received and succeeded;
// an entrusted one that fails counts as returned to the court. The demo county has such cases.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { agreement, caseRecord, session } from '../support/server-device.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import type { CourtReferral } from '../../src/shared/court.ts';
import type { CaseEvent } from '../../src/shared/events.ts';
import { buildDocument } from '../../src/shared/documents/build.ts';
import { canonicalJson } from '../../src/shared/documents/integrity.ts';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';
import { remindersFor } from '../../src/shared/reminders.ts';
import type { ReviewItem } from '../../src/shared/protocol.ts';
import { t } from '../../src/shared/i18n/index.ts';
import '../../src/shared/i18n/later.ts';

afterAll(closeTestStores);

const reference: CourtReferral = {
  court: '开鲁县人民法院', caseNo: '（2026）蒙0523民诉前调318号', judge: '李淑芬', referredOn: '2026-03-01', deadline: '2026-03-31', returnedOn: null,
};

describe.each(storeKinds)('诉调对接 on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('a delegated case taken in with the court fields, mediated, its result returned with the 案号, and counted', async () => {
    const { med, county } = h.users;
    const delegated = caseRecord('150523100200', { source: '法院委派', court: reference });
    const entrusted = caseRecord('150523100200', { source: '法院委托', court: { ...reference, caseNo: '（2026）蒙0523民初77号', deadline: '2026-03-16' } });
    const badNo = caseRecord('150523100200', { source: '法院委派', court: { ...reference, caseNo: '（2026）蒙523民初77号' } });
    const noCourt = caseRecord('150523100200', { source: '法院委托' });
    const taken = await h.push(med, med.device.request([med.device.create(delegated), med.device.create(entrusted), med.device.create(badNo), med.device.create(noCourt)]));
    expect(taken.status).toBe(200);
    expect(taken.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'rejected']);
    // Refused into 待核对, each with the sentence that says what to fix.
    const review = await h.call('GET', '/api/review?status=open', { token: med.token });
    const refusal = (id: string) => (review.body.items as ReviewItem[]).find((i) => i.caseId === id)?.rejected;
    expect(refusal(badNo.id)).toMatchObject({ code: 'court.caseNo.court', message: t('court.caseNo.court') });
    expect(refusal(noCourt.id)).toMatchObject({ code: 'court.required', message: t('court.required') });

    // Mediated: a session, an agreement; the entrusted one ends without one and goes back.
    const done = await h.push(med, med.device.request([
      med.device.event(delegated, session()),
      med.device.transition(delegated.id, { from: 'accepted', to: 'agreed', agreement }),
      med.device.patch(delegated.id, { court: { base: reference, next: { ...reference, returnedOn: '2026-03-07' } } }),
      med.device.transition(entrusted.id, { from: 'accepted', to: 'terminated', termination: { reason: '被申请人拒绝继续调解', otherRoutesTold: true } }),
    ]));
    expect(done.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);

    const got = await h.call('GET', `/api/cases/${delegated.id}`, { token: med.token });
    expect(got.status).toBe(200);
    const record = got.body.case as CaseRecord;
    expect(record.court).toEqual({ ...reference, returnedOn: '2026-03-07' });
    expect(record.caseNo).toMatch(/^（2026）.+第\d+号$/);
    // The 调解结果告知函 from the server's copy: to the court, with its 案号 and the agreement.
    const letter = buildDocument('court-result', record, got.body.events as CaseEvent[], { today: '2026-03-08' });
    if (!letter.ok) throw new Error(letter.missing.map((m) => m.field).join());
    const text = canonicalJson(letter.doc.content);
    expect(text).toContain('开鲁县人民法院：');
    expect(text).toContain('（2026）蒙0523民诉前调318号');
    expect(text).toContain('张国强于十日内疏通排水沟');
    expect(text).toContain('2026年3月7日');
    expect((await h.call('POST', '/api/audit/print', { token: med.token, body: { caseId: delegated.id, document: 'court-result' } })).status).toBe(200);
    // Returned: off the mediator's 待办.
    expect(remindersFor(record, '2026-03-08').map((r) => r.kind)).not.toContain('courtReturn');

    const stats = await h.call('GET', '/api/stats?area=150523&from=2026-01-01&to=2026-12-31', { token: county.token });
    expect(stats.status).toBe(200);
    expect(stats.body.total.court).toEqual({
      法院委派: { accepted: 1, succeeded: 1, failed: 0, open: 0 },
      法院委托: { accepted: 1, succeeded: 0, failed: 1, open: 0 },
    });
    const csv = await (await h.app.request('/api/stats/report.csv?area=150523&from=2026-01-01&to=2026-12-31', { headers: { authorization: `Bearer ${county.token}` } })).text();
    const lines = csv.split('\r\n');
    expect(lines).toContain('诉调对接,受理,调解成功,调解不成退回法院,未结');
    expect(lines).toContain('法院委派（诉前）,1,1,0,0');
    expect(lines).toContain('法院委托（诉中）,1,0,1,0');
  });
});

test('the demo county has fifteen cases from its court, at every stage', async () => {
  const store = await openTestStore('sqlite');
  const now = new Date('2026-12-07T03:00:00Z');
  await seedIfEmpty(store, { demo: true, now });
  const rows = await store.db.selectFrom('cases').select(['data']).where('source', 'in', ['法院委派', '法院委托']).execute();
  const cases = rows.map((r) => JSON.parse(r.data) as CaseRecord);
  expect(cases).toHaveLength(15);
  expect(cases.every((c) => c.court?.court === '开鲁县人民法院' && /^（\d{4}）蒙0523(民诉前调|民初)\d+号$/.test(c.court.caseNo))).toBe(true);
  const by = (f: (c: CaseRecord) => boolean) => cases.filter(f).length;
  expect(by((c) => c.status === 'accepted' || c.status === 'mediating')).toBe(6);
  expect(by((c) => c.outcome === 'success')).toBe(6);
  expect(by((c) => c.outcome === 'failure')).toBe(3);
  expect(by((c) => (c.court?.returnedOn ?? null) !== null)).toBe(7);
  const kinds = cases.flatMap((c) => remindersFor(c, '2026-12-07').map((r) => r.kind));
  expect(kinds.filter((k) => k === 'court').length).toBeGreaterThanOrEqual(3);
  expect(kinds).toContain('courtReturn');
});
