// A demo alive today: started with the server's clock, the demo keeps its published 2023 year to
// the case and adds the current year so far — cases due this week in the home village, agreements
// waiting for their 回访, a conflict in 待核对 and new 申请调解 — whatever day it is started on.
import { afterAll, describe, expect, test } from 'vitest';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';
import { createApp } from '../../src/server/app.ts';
import { addDays, localDate } from '../../src/shared/dates.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { closeTestStores, openTestStore } from '../support/stores.ts';

afterAll(closeTestStores);

const HOME = '150523100200';

describe('the demo of the current year', () => {
  // Two clocks: a day deep in the year, and one in its first week (the year has barely begun).
  test.each(['2026-12-07T03:00:00Z', '2027-01-03T01:30:00Z'])('started on %s', async (iso) => {
    const now = new Date(iso);
    const today = localDate(now);
    const year = today.slice(0, 4);
    const store = await openTestStore('sqlite');
    const plain = await openTestStore('sqlite');
    const seeded = await seedIfEmpty(store, { demo: true, now });
    await seedIfEmpty(plain, { demo: true });

    // The published year is the same, case for case.
    const of2023 = (s: typeof store) => s.db.selectFrom('cases').select(['id', 'status', 'outcome', 'category_code', 'data']).where('accepted_on', 'like', '2023-%').orderBy('id').execute();
    const [withToday, without] = [await of2023(store), await of2023(plain)];
    expect(withToday).toHaveLength(300);
    expect(withToday).toEqual(without);

    const current = (await store.db.selectFrom('cases').select(['data', 'accepted_on', 'status', 'village_code']).where('accepted_on', '>', '2023-12-31').execute())
      .map((r) => ({ ...r, record: JSON.parse(r.data) as CaseRecord }));
    expect(seeded.cases).toBe(300 + current.length);
    expect(current.length).toBeGreaterThan(40);
    // Nothing is dated after today, and the current year has cases.
    expect(current.every((c) => c.accepted_on <= today)).toBe(true);
    expect(current.some((c) => c.accepted_on.startsWith(year))).toBe(true);
    const events = await store.db.selectFrom('events').select('at').where('at', '>', '2024-01-01').execute();
    expect(events.every((e) => e.at <= now.toISOString())).toBe(true);

    const home = current.filter((c) => c.village_code === HOME);
    // Due within the week: still being mediated, accepted 24–28 days ago (a month to settle).
    const dueThisWeek = home.filter((c) => ['accepted', 'mediating'].includes(c.status) && addDays(c.accepted_on, 30) >= today && addDays(c.accepted_on, 30) <= addDays(today, 7));
    expect(dueThisWeek.length).toBeGreaterThanOrEqual(2);
    expect(home.filter((c) => c.status === 'agreed').length).toBeGreaterThanOrEqual(2);

    // Work waiting: a conflict for 待核对 and new requests, seen through the API by their users.
    const app = createApp({ store, now: () => now });
    const login = async (username: string) => {
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'shuohe-2023', clientId: crypto.randomUUID() }) });
      return ((await res.json()) as { token: string }).token;
    };
    const get = async (path: string, token: string) => (await app.request(path, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Record<string, unknown>>;
    const town = await login('zhen');
    const review = await get('/api/review?status=open', town) as { items: { kind: string }[] };
    expect(review.items.filter((i) => i.kind === 'conflict')).toHaveLength(1);
    const mediator = await login('tiaojie');
    const requests = await get('/api/requests', mediator) as { requests: { status: string }[] };
    expect(requests.requests.filter((r) => r.status === 'new')).toHaveLength(2);
    // The county's dashboard of the current year has figures.
    const county = await login('xian');
    const stats = await get(`/api/stats?area=150523&from=${year}-01-01&to=${year}-12-31`, county) as { total: { accepted: number } };
    expect(stats.total.accepted).toBeGreaterThan(0);
  });
});
