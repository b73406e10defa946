// 排查 and 上报 through the real sync engine and server (SQLite, then PostgreSQL): a village
// mediator records a round offline with two findings — one turned into a case, one 已化解 on the
// spot — and a red 上报; after sync the town's device holds both, the town's month coverage names
// the village as reported and the others as missing, the stats API and the 司法部 report count the
// round, its findings and the prevented one. Another village's mediator cannot write this village's
// 排查 (403, a Chinese sentence, nothing stored); a mediator cannot acknowledge a 上报, the town can
// (who and when recorded), once.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { createCase } from '../../src/state/actions.ts';
import { writeAlert, writeAlertAck, writeScreening } from '../../src/db/write-records.ts';
import { ApiError } from '../../src/sync/http.ts';
import type { ScreeningRecord, ScreeningCoverage } from '../../src/shared/screening.ts';
import type { AlertRecord } from '../../src/shared/alerts.ts';
import type { StatsSummary } from '../../src/shared/stats-api.ts';
import { parseCsv } from '../../src/shared/csv.ts';
import { startHarness, simDevice, login, VILLAGE_A, VILLAGE_B, TOWN, type Harness, type SimDevice } from '../support/sync-harness.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { newCaseInput } from '../support/case-factory.ts';

const HELD = '2026-11-20';

function round(areaCode: string, over: Partial<ScreeningRecord> = {}): ScreeningRecord {
  const at = '2026-11-20T08:00:00.000Z';
  return {
    id: uuidv7(), areaCode, townCode: areaCode.slice(0, 9), countyCode: areaCode.slice(0, 6), heldOn: HELD,
    participants: '调委会主任王建国、网格员李芳', place: '一组、二组', findings: [], keyPersons: '独居老人张某', hazards: '河堤边界桩缺失',
    author: '', createdAt: at, updatedAt: at, version: 0, ...over,
  };
}

function alertOf(over: Partial<AlertRecord>): AlertRecord {
  return {
    id: uuidv7(), grade: 'red', reasons: ['group'], persons: 6, summary: '六户因灌溉用水争执，已有推搡', caseId: null, screeningId: null, findingId: null,
    areaCode: VILLAGE_A, townCode: TOWN, countyCode: TOWN.slice(0, 6), reportedBy: '', reportedByName: '', reportedAt: '2026-11-20T09:00:00.000Z', ack: null, version: 0, ...over,
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (e: unknown) => e);
}

function suite(label: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`排查 and 上报 (${label})`, () => {
    let h: Harness;
    let phone: SimDevice;
    let town: SimDevice;
    let stranger: SimDevice;
    let screening: ScreeningRecord;
    let caseId = '';
    let redId = '';
    let yellowId = '';
    let townToken = '';
    const get = async <T>(path: string): Promise<T> => {
      const res = await h.fetch(path, { headers: { authorization: `Bearer ${townToken}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as T;
    };

    beforeAll(async () => {
      h = await startHarness(await databaseUrl());
      phone = await simDevice(h, 'a', VILLAGE_A);
      town = await simDevice(h, 'zhen', TOWN);
      stranger = await simDevice(h, 'b', VILLAGE_B);
      townToken = await login(h, 'zhen');
    });
    afterAll(async () => {
      await h?.close();
    });

    it('syncs a round recorded offline, one finding turned into a case and one 已化解, to the town', async () => {
      phone.net.up = false;
      const resolvedId = uuidv7();
      const toCaseId = uuidv7();
      screening = await writeScreening(phone, round(VILLAGE_A, {
        findings: [
          { id: toCaseId, summary: '刘某与孙某宅基地界址争执', persons: 2, state: 'open', caseId: null, note: '' },
          { id: resolvedId, summary: '两户因排水沟堵塞争吵', persons: 2, state: 'resolved', caseId: null, note: '当场疏通，双方和好' },
        ],
      }));
      caseId = (await createCase(phone, newCaseInput({ villageCode: VILLAGE_A }))).id;
      screening = await writeScreening(phone, { ...screening, findings: screening.findings.map((f) => (f.id === toCaseId ? { ...f, state: 'case' as const, caseId } : f)) });
      expect((await phone.db.outbox.toArray()).map((m) => m.name)).toEqual(['screening.save', 'case.create', 'screening.save']);
      phone.net.up = true;
      await phone.sync();
      expect(await phone.db.outbox.count()).toBe(0);

      const row = await h.store.read.selectFrom('screenings').selectAll().where('id', '=', screening.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ area_code: VILLAGE_A, town_code: TOWN, held_on: HELD, found: 2, prevented: 1 });
      expect(Number(row.version)).toBe(2);
      const a = await h.store.read.selectFrom('users').select('id').where('username', '=', 'a').executeTakeFirstOrThrow();
      expect((JSON.parse(row.data) as ScreeningRecord).author).toBe(a.id);

      await town.sync();
      const there = await town.db.screenings.get(screening.id);
      expect(there?.findings.map((f) => [f.state, f.caseId])).toEqual([['case', caseId], ['resolved', null]]);
      expect(there?.keyPersons).toBe('独居老人张某');
      expect((await phone.db.screenings.get(screening.id))?.version).toBe(2);
      // The other village's phone sees none of it.
      await stranger.sync();
      expect(await stranger.db.screenings.count()).toBe(0);
    });

    it('refuses a 排查 written for another village: 403 with a Chinese sentence, nothing stored', async () => {
      const foreign = round(VILLAGE_A);
      await writeScreening(stranger, foreign);
      const error = await failure(stranger.sync());
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(403);
      expect((error as ApiError).message).toMatch(/只能登记本村/);
      expect(await h.store.read.selectFrom('screenings').select('id').where('id', '=', foreign.id).executeTakeFirst()).toBeUndefined();
      // Nor may it overwrite this village's round by naming its id under its own village (a second phone of b's).
      const second = await simDevice(h, 'b', VILLAGE_B);
      await writeScreening(second, { ...screening, areaCode: VILLAGE_B, townCode: VILLAGE_B.slice(0, 9) });
      const again = await failure(second.sync());
      expect([(again as ApiError).status, (again as ApiError).code]).toEqual([403, 'screening.forbidden']);
      expect((await h.store.read.selectFrom('screenings').select('area_code').where('id', '=', screening.id).executeTakeFirstOrThrow()).area_code).toBe(VILLAGE_A);
    });

    it('keeps an incomplete round for review with the rule in Chinese', async () => {
      const bad = round(VILLAGE_A, { participants: ' ' });
      await writeScreening(phone, bad);
      await phone.sync();
      const item = (await phone.db.review.toArray()).find((r) => r.caseId === bad.id);
      expect(item?.rejected?.code).toBe('screening.invalid');
      expect(item?.rejected?.message).toContain('请填写参加人员');
    });

    it('shows the town the month’s coverage: the village that reported, with counts, and those that did not', async () => {
      const c = await get<ScreeningCoverage>(`/api/screenings/coverage?area=${TOWN}&month=2026-11`);
      const a = c.villages.find((v) => v.code === VILLAGE_A);
      expect(a).toMatchObject({ rounds: 1, found: 2, prevented: 1, lastOn: HELD });
      expect(c.reported).toBe(1);
      expect(c.missing).toBe(c.villages.length - 1);
      expect(c.villages.filter((v) => v.code !== VILLAGE_A).every((v) => v.rounds === 0 && v.lastOn === null)).toBe(true);
      const empty = await get<ScreeningCoverage>(`/api/screenings/coverage?area=${TOWN}&month=2026-10`);
      expect(empty.reported).toBe(0);
      // A mediator has no coverage view.
      const mediatorToken = await login(h, 'a');
      const res = await h.fetch(`/api/screenings/coverage?area=${TOWN}&month=2026-11`, { headers: { authorization: `Bearer ${mediatorToken}` } });
      expect(res.status).toBe(403);
    });

    it('raises a red 上报 from a case and a yellow one from a finding; the town sees both with their area', async () => {
      const red = await writeAlert(phone, alertOf({ caseId }));
      const yellow = await writeAlert(phone, alertOf({ grade: 'yellow', reasons: ['difficult'], persons: 2, summary: '宅基地纠纷，村里调解两次未成', screeningId: screening.id, findingId: screening.findings[0]?.id ?? null }));
      // A grade below the rules is refused and kept for review.
      const tooLow = await writeAlert(phone, alertOf({ grade: 'yellow', reasons: ['criminal'], persons: 2, caseId }));
      redId = red.id;
      yellowId = yellow.id;
      await phone.sync();
      const rows = await h.store.read.selectFrom('alerts').selectAll().orderBy('grade').execute();
      expect(rows.map((r) => [r.id, r.grade, r.area_code, r.acked_at])).toEqual([[redId, 'red', VILLAGE_A, null], [yellowId, 'yellow', VILLAGE_A, null]]);
      expect((await phone.db.review.toArray()).find((r) => r.caseId === tooLow.id)?.rejected?.message).toContain('红色');

      await town.sync();
      const seen = await town.db.alerts.toArray();
      expect(seen.map((a) => a.id).sort()).toEqual([redId, yellowId].sort());
      expect(seen.find((a) => a.id === redId)).toMatchObject({ grade: 'red', areaCode: VILLAGE_A, reportedByName: '王建国', ack: null });
    });

    it('lets only staff acknowledge, records who and when, and counts the first acknowledgement', async () => {
      const red = (await phone.db.alerts.get(redId)) as AlertRecord;
      await writeAlertAck(phone, red, '王建国');
      await phone.sync();
      const refused = (await phone.db.review.toArray()).find((r) => r.caseId === redId);
      expect(refused?.rejected?.message).toBe('只有司法所、司法局工作人员可以确认上报。');
      expect((await h.store.read.selectFrom('alerts').select('acked_at').where('id', '=', redId).executeTakeFirstOrThrow()).acked_at).toBeNull();

      const onDesk = (await town.db.alerts.get(redId)) as AlertRecord;
      await writeAlertAck(town, onDesk, '刘司法');
      await writeAlertAck(town, onDesk, '刘司法');
      await town.sync();
      const zhen = await h.store.read.selectFrom('users').select('id').where('username', '=', 'zhen').executeTakeFirstOrThrow();
      const row = await h.store.read.selectFrom('alerts').selectAll().where('id', '=', redId).executeTakeFirstOrThrow();
      expect(row.acked_by).toBe(zhen.id);
      expect(row.acked_at).not.toBeNull();
      expect((JSON.parse(row.data) as AlertRecord).ack).toEqual({ by: zhen.id, byName: '刘司法', at: row.acked_at });
      await phone.sync();
      expect((await phone.db.alerts.get(redId))?.ack?.byName).toBe('刘司法');
      expect((await phone.db.alerts.get(yellowId))?.ack).toBeNull();
    });

    it('counts the rounds, findings and prevented disputes in /api/stats and the 司法部 report', async () => {
      const stats = await get<StatsSummary>(`/api/stats?area=${TOWN}&from=2026-11-01&to=2026-11-30`);
      expect(stats.screening).toEqual({ rounds: 1, found: 2, prevented: 1 });
      const year = await get<StatsSummary>(`/api/stats?area=${TOWN}&from=2026-01-01&to=2026-12-31`);
      expect(year.screening).toEqual({ rounds: 1, found: 2, prevented: 1 });
      const october = await get<StatsSummary>(`/api/stats?area=${TOWN}&from=2026-10-01&to=2026-10-31`);
      expect(october.screening).toEqual({ rounds: 0, found: 0, prevented: 0 });
      const res = await h.fetch(`/api/stats/report.csv?area=${TOWN}&from=2026-11-01&to=2026-11-30&sheet=cases`, { headers: { authorization: `Bearer ${townToken}` } });
      expect(res.status).toBe(200);
      const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
      const line = (label: string) => rows.find((r) => r[0] === label)?.[1];
      expect(line('开展矛盾纠纷排查（次）')).toBe('1');
      expect(line('排查发现矛盾纠纷（件）')).toBe('2');
      expect(line('预防纠纷（件）')).toBe('1');
    });
  });
}

afterAll(closeTestStores);
for (const kind of storeKinds) suite(storeLabel[kind], () => testDatabaseUrl(kind));
