// The demo county's 排查 and 上报 (seed/demo-screening.ts): rounds of the current year in most
// villages, this month's coverage with gaps, findings linked to real cases and others 已化解, and
// one red and two yellow 上报 waiting at the town — on both a day deep in the year and its first week.
import { afterAll, describe, expect, test } from 'vitest';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';
import { createApp } from '../../src/server/app.ts';
import { localDate } from '../../src/shared/dates.ts';
import type { ScreeningCoverage, ScreeningRecord } from '../../src/shared/screening.ts';
import { closeTestStores, openTestStore } from '../support/stores.ts';

afterAll(closeTestStores);

describe('the demo 排查 and 上报', () => {
  test.each(['2026-12-07T03:00:00Z', '2027-01-03T01:30:00Z'])('started on %s', async (iso) => {
    const now = new Date(iso);
    const today = localDate(now);
    const year = today.slice(0, 4);
    const store = await openTestStore('sqlite');
    await seedIfEmpty(store, { demo: true, now });

    const rounds = await store.db.selectFrom('screenings').select(['area_code', 'held_on', 'data']).execute();
    expect(rounds.every((r) => r.held_on.startsWith(year) && r.held_on <= today)).toBe(true);
    const villages = await store.db.selectFrom('areas').select('code').where('level', '=', 'village').where('code', 'like', '150523%').execute();
    const reporting = new Set(rounds.map((r) => r.area_code));
    expect(reporting.size / villages.length).toBeGreaterThan(0.6);

    const findings = rounds.flatMap((r) => (JSON.parse(r.data) as ScreeningRecord).findings);
    expect(findings.some((f) => f.state === 'resolved' && f.note !== '')).toBe(true);
    const linked = findings.filter((f) => f.state === 'case').map((f) => f.caseId as string);
    expect(linked.length).toBeGreaterThanOrEqual(1);
    const cases = await store.db.selectFrom('cases').select('id').where('id', 'in', linked).execute();
    expect(cases).toHaveLength(linked.length);

    const alerts = await store.db.selectFrom('alerts').select(['grade', 'acked_at', 'town_code']).execute();
    expect(alerts.map((a) => a.grade).sort()).toEqual(['red', 'yellow', 'yellow']);
    expect(alerts.every((a) => a.acked_at === null && a.town_code === '150523100')).toBe(true);

    const app = createApp({ store, now: () => now });
    const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhen', password: 'shuohe-2023', clientId: crypto.randomUUID() }) });
    const { token } = (await login.json()) as { token: string };
    const res = await app.request(`/api/screenings/coverage?area=150523100&month=${today.slice(0, 7)}`, { headers: { authorization: `Bearer ${token}` } });
    const coverage = (await res.json()) as ScreeningCoverage;
    expect(coverage.reported).toBeGreaterThan(0);
    expect(coverage.missing).toBeGreaterThan(0);
    expect(coverage.villages.find((v) => v.code === '150523100200')?.rounds).toBeGreaterThan(0);
  });
});
