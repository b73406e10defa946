// 移交 of a case up the network (issue #14): a village case referred to the town's 镇调委会 by a
// pushed mutation (recorded offline on the phone), accepted there, mediated, and the outcome back
// at the village — on SQLite and PostgreSQL. The town's phone pulls the case with its whole
// history; the village's phone loses the case and keeps the referral with the outcome, never the
// town's session notes. An accept by someone outside the receiving committee is refused with a
// Chinese sentence and changes nothing; two desks deciding one referral at once keep the first
// decision and the record of the second.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { Change } from '../../src/shared/protocol.ts';
import type { ReferralRecord } from '../../src/shared/referral.ts';
import type { StatsSummary } from '../../src/shared/stats-api.ts';
import type { CaseEvent } from '../../src/shared/events.ts';
import { addWorkingDays } from '../../src/shared/referral.ts';
import { t } from '../../src/shared/i18n/index.ts';
import { createSession } from '../../src/server/auth/sessions.ts';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness, type TestUser } from '../support/server.ts';
import { Device, agreement, caseRecord, session } from '../support/server-device.ts';

afterAll(closeTestStores);

type Upsert = Extract<Change, { op: 'upsert' }>;
const upserts = (changes: Change[], entity: Change['entity']) => changes.filter((c): c is Upsert => c.entity === entity && c.op === 'upsert');
const caseIds = (changes: Change[]) => upserts(changes, 'case').map((c) => c.id);
const evicted = (changes: Change[]) => changes.filter((c) => c.entity === 'case' && c.op === 'evict').map((c) => c.id);
/** The newest copy of each referral a pull delivered (by the record's id, as the phone keys it). */
function referrals(changes: Change[]): Map<string, ReferralRecord> {
  const out = new Map<string, ReferralRecord>();
  for (const c of changes) if (c.entity === 'referral' && c.op === 'upsert') out.set(c.data.id, c.data);
  return out;
}

describe.each(storeKinds)('移交 on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  let zhen: TestUser;
  let townCommittee: string;
  let villageCommittee: string;
  beforeEach(async () => {
    h = await harness();
    if (zhen) return;
    const committees = await h.store.db.selectFrom('committees').select(['id', 'area_code']).where('area_code', 'in', ['150523100', '150523100200']).execute();
    townCommittee = committees.find((c) => c.area_code === '150523100')?.id as string;
    villageCommittee = committees.find((c) => c.area_code === '150523100200')?.id as string;
    const made = await h.call('POST', '/api/accounts', {
      token: h.users.town.token,
      body: { username: `zhentiao-${kind}`, displayName: '镇调解员', role: 'mediator', scope: '', password: 'a long one-time password', committees: [townCommittee] },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.account.id as string;
    const device = new Device(id);
    const { token } = await createSession(h.store.db, id, device.clientId, h.clock.now);
    zhen = { id, username: `zhentiao-${kind}`, role: 'mediator', scope: '150523100000', token, device };
  });

  test('a village case referred offline, accepted by the 镇调委会, mediated there; the outcome back at the village; counted once', async () => {
    const { med, med2, townB, county } = h.users;
    const villageCase = caseRecord('150523100200');
    expect((await h.push(med, med.device.request([med.device.create(villageCase)]))).body.results[0]?.status).toBe('applied');
    const medStart = (await h.pullAll(med)).last.cursor;
    const zhenStart = (await h.pullAll(zhen)).last.cursor;

    // Recorded offline on the village phone, pushed at the next sync.
    const send = med.device.refer(villageCase.id, townCommittee);
    const referralId = send.name === 'referral.send' ? send.args.referral.id : '';
    const sent = await h.push(med, med.device.request([send]));
    expect(sent.body.results[0], JSON.stringify(sent.body)).toMatchObject({ status: 'applied' });
    const row = await h.store.db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
    // Sent on Tuesday 2026-03-10 (Beijing): three working days → Friday the 13th.
    expect(row).toMatchObject({ status: 'sent', from_committee_id: villageCommittee, to_committee_id: townCommittee, due_on: addWorkingDays('2026-03-10', 3) });
    expect(row.due_on).toBe('2026-03-13');

    // The town's phone sees it in its inbox (the referral, with the summary), not yet the case.
    const zhenInbox = await h.pullAll(zhen, zhenStart);
    expect(referrals(zhenInbox.changes).get(referralId)).toMatchObject({ status: 'sent', reason: '涉及多个村，需镇调委会统一调解', summary: { parties: ['王秀英', '张国强'] } });
    expect(caseIds(zhenInbox.changes)).not.toContain(villageCase.id);
    // The village still holds the case, and its history shows the 移交.
    const medSent = await h.pullAll(med, medStart);
    expect(referrals(medSent.changes).get(referralId)?.status).toBe('sent');
    const sentNote = upserts(medSent.changes, 'event').map((c) => c.data as CaseEvent).find((e) => e.kind === 'note' && e.data.topic === 'referral');
    expect(sentNote?.kind === 'note' && sentNote.data.referral).toMatchObject({ action: 'sent', to: '开鲁镇人民调解委员会' });

    // Not the receiving committee: another village's mediator, another town's staff — refused, nothing changes.
    for (const stranger of [med2, townB]) {
      const phone = new Device(stranger.id);
      const refused = await h.push(stranger, phone.request([phone.acceptReferral(villageCase.id, referralId)]));
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'referral.forbidden', message: t('referral.forbidden') } });
    }
    expect(await h.store.db.selectFrom('referrals').select('status').where('id', '=', referralId).executeTakeFirstOrThrow()).toEqual({ status: 'sent' });
    expect(await h.store.db.selectFrom('cases').select('committee_id').where('id', '=', villageCase.id).executeTakeFirstOrThrow()).toEqual({ committee_id: villageCommittee });

    // 接收 on the town's phone: the case is the 镇调委会's now, with its whole history.
    const accepted = await h.push(zhen, zhen.device.request([zhen.device.acceptReferral(villageCase.id, referralId)]));
    expect(accepted.body.results[0], JSON.stringify(accepted.body)).toMatchObject({ status: 'applied' });
    expect(await h.store.db.selectFrom('cases').select(['committee_id', 'village_code', 'town_code']).where('id', '=', villageCase.id).executeTakeFirstOrThrow())
      .toEqual({ committee_id: townCommittee, village_code: '150523100000', town_code: '150523100' });
    const zhenGot = await h.pullAll(zhen, zhenInbox.last.cursor);
    expect(caseIds(zhenGot.changes)).toContain(villageCase.id);
    const history = upserts(zhenGot.changes, 'event').map((c) => c.data as CaseEvent).filter((e) => e.caseId === villageCase.id);
    expect(history.map((e) => (e.kind === 'note' ? e.data.referral?.action : undefined)).filter(Boolean).sort()).toEqual(['accepted', 'sent']);

    // The town mediates: a session and an agreement.
    const caseNow = { ...villageCase, villageCode: '150523100000', townCode: '150523100' };
    const mediated = await h.push(zhen, zhen.device.request([
      zhen.device.event(caseNow, session('镇调委会主持调解，双方达成一致。')),
      zhen.device.transition(villageCase.id, { from: 'accepted', to: 'agreed', agreement }),
    ]));
    expect(mediated.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // Back at the village: the case left its phone; the referral shows the outcome; no session notes.
    const medAfter = await h.pullAll(med, medSent.last.cursor);
    expect(evicted(medAfter.changes)).toContain(villageCase.id);
    expect(caseIds(medAfter.changes)).not.toContain(villageCase.id);
    expect(referrals(medAfter.changes).get(referralId)).toMatchObject({
      status: 'accepted', decidedByName: '镇调解员', outcome: { status: 'agreed', outcome: 'success', agreementOn: agreement.effectiveOn },
    });
    expect(upserts(medAfter.changes, 'event').filter((c) => (c.data as CaseEvent).kind === 'session')).toEqual([]);
    // A fresh village phone (first pull from the current state) gets the same, and no case.
    const fresh = new Device(med.id);
    const first = await h.pullAll(med, 0, { device: fresh });
    expect(caseIds(first.changes)).not.toContain(villageCase.id);
    expect(referrals(first.changes).get(referralId)?.outcome?.outcome).toBe('success');
    // The case API follows the holder.
    expect((await h.call('GET', `/api/cases/${villageCase.id}`, { token: med.token })).status).toBe(403);
    expect((await h.call('GET', `/api/cases/${villageCase.id}`, { token: zhen.token })).status).toBe(200);

    // Counted once in the county, by the committee that holds it.
    const stats = await h.call<StatsSummary>('GET', '/api/stats?area=150523&from=2026-01-01&to=2026-12-31', { token: county.token });
    expect(stats.body.total.accepted).toBe(1);
    expect(stats.body.total.succeeded).toBe(1);
    expect(Object.fromEntries(stats.body.byCommitteeType.map((r) => [r.type, r.rollup.accepted]))).toEqual({ '乡镇/街道': 1 });
    // 移交 in/out: the village sent one, the town's committee accepted one; the county has both.
    expect(stats.body.referrals).toEqual({ out: 1, in: 1, returned: 0, waiting: 0 });
    const villageStats = await h.call<StatsSummary>('GET', '/api/stats?area=150523100200&from=2026-01-01&to=2026-12-31', { token: county.token });
    expect(villageStats.body.referrals).toMatchObject({ out: 1, in: 0 });
    const townStats = await h.call<StatsSummary>('GET', '/api/stats?area=150523100&from=2026-01-01&to=2026-12-31', { token: county.token });
    expect(townStats.body.referrals).toMatchObject({ out: 1, in: 1 });
  });

  test('退回 with a reason; a second desk acting at once keeps the first decision and the record of its own', async () => {
    const { med, town } = h.users;
    const villageCase = caseRecord('150523100200');
    const create = med.device.create(villageCase);
    const send = med.device.refer(villageCase.id, townCommittee, '争议金额大');
    const referralId = send.name === 'referral.send' ? send.args.referral.id : '';
    const both = await h.push(med, med.device.request([create, send]));
    expect(both.body.results?.map((r) => r.status), JSON.stringify(both.body)).toEqual(['applied', 'applied']);
    // Referring again while one waits is refused with what to do.
    const again = await h.push(med, med.device.request([med.device.refer(villageCase.id, townCommittee)]));
    expect(again.body.results[0]).toMatchObject({ status: 'rejected', code: 'referral.alreadyPending' });
    // Down to a village, or sideways to another town's committee, is never allowed.
    const toVillage = await h.push(med, med.device.request([med.device.refer(villageCase.id, villageCommittee)]));
    expect(toVillage.body.results[0]).toMatchObject({ status: 'rejected', code: 'referral.targetNotAllowed' });
    const otherTown = await h.store.db.selectFrom('committees').select('id').where('area_code', '=', '150523101').executeTakeFirstOrThrow();
    const sideways = await h.push(med, med.device.request([med.device.refer(villageCase.id, otherTown.id)]));
    expect(sideways.body.results[0]).toMatchObject({ status: 'rejected', code: 'referral.targetNotAllowed' });

    // The 司法所 clerk returns it; the 镇调委会's phone, offline meanwhile, had accepted it.
    const returned = await h.push(town, town.device.request([town.device.returnReferral(villageCase.id, referralId, '村调委会可以调解，请先在村里调解')]));
    expect(returned.body.results[0]).toMatchObject({ status: 'applied' });
    const late = await h.push(zhen, zhen.device.request([zhen.device.acceptReferral(villageCase.id, referralId)]));
    expect(late.body.results[0]).toMatchObject({ status: 'rejected', code: 'referral.alreadyDecided' });
    expect(JSON.stringify(late.body.results[0])).toContain('已退回');
    // Both are on record: the applied return and the refused accept.
    const logged = await h.store.db.selectFrom('mutation_log').select(['name', 'result']).where('case_id', '=', villageCase.id).where('name', 'like', 'referral.%').orderBy('server_seq').execute();
    expect(logged).toEqual([
      { name: 'referral.send', result: 'applied' }, { name: 'referral.send', result: 'rejected' }, { name: 'referral.send', result: 'rejected' }, { name: 'referral.send', result: 'rejected' },
      { name: 'referral.return', result: 'applied' }, { name: 'referral.accept', result: 'rejected' },
    ]);
    // The case never moved; the village sees the reason.
    expect(await h.store.db.selectFrom('cases').select('committee_id').where('id', '=', villageCase.id).executeTakeFirstOrThrow()).toEqual({ committee_id: villageCommittee });
    const back = referrals((await h.pullAll(med, 0, { device: new Device(med.id) })).changes).get(referralId);
    expect(back).toMatchObject({ status: 'returned', returnReason: '村调委会可以调解，请先在村里调解' });
    // Returned, it may be referred again.
    const reRefer = await h.push(med, med.device.request([med.device.refer(villageCase.id, townCommittee, '村里调解不成')]));
    expect(reRefer.body.results[0]).toMatchObject({ status: 'applied' });
  });

  test('the county sets the working days to decide; a phone learns the committees it may refer to', async () => {
    const { med, town, county } = h.users;
    const targets = await h.call<{ committees: { id: string; areaCode: string }[] }>('GET', '/api/referrals/targets', { token: med.token });
    expect(targets.status).toBe(200);
    expect(targets.body.committees.map((c) => c.id)).toContain(townCommittee);
    expect(targets.body.committees.map((c) => c.id)).not.toContain(villageCommittee);
    expect(targets.body.committees.every((c) => c.areaCode.startsWith('150523') && c.areaCode.endsWith('000'))).toBe(true);

    expect((await h.call('PUT', '/api/referrals/settings', { token: town.token, body: { county: '150523', dueWorkingDays: 5 } })).status).toBe(403);
    const bad = await h.call('PUT', '/api/referrals/settings', { token: county.token, body: { county: '150523', dueWorkingDays: 30 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(t('referral.settings.invalid'));
    expect((await h.call('PUT', '/api/referrals/settings', { token: county.token, body: { county: '150523', dueWorkingDays: 5 } })).status).toBe(200);
    expect((await h.call('GET', '/api/referrals/settings?county=150523', { token: med.token })).body.dueWorkingDays).toBe(5);

    const villageCase = caseRecord('150523100200');
    const create = med.device.create(villageCase);
    const send = med.device.refer(villageCase.id, townCommittee);
    const referralId = send.name === 'referral.send' ? send.args.referral.id : '';
    expect((await h.push(med, med.device.request([create, send]))).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    // Tuesday + 5 working days: the next Tuesday.
    expect((await h.store.db.selectFrom('referrals').select('due_on').where('id', '=', referralId).executeTakeFirstOrThrow()).due_on).toBe('2026-03-17');
  });
});
