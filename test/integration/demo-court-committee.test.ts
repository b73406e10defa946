// The demo's court-delegated cases (demo-court.ts) are held by the court's 派驻 committee, not by a
// village: `fayuan`'s phone pulls every one of them and the home village's phone none; the
// county's statistics count them under 派驻 in the 调解主体 split; 2023 stays as published.
import { afterAll, describe, expect, test } from 'vitest';
import { seedIfEmpty } from '../../src/server/seed/demo.ts';
import { createApp } from '../../src/server/app.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import type { PullResponse } from '../../src/shared/protocol.ts';
import { PROTOCOL_VERSION } from '../../src/shared/protocol.ts';
import type { StatsSummary } from '../../src/shared/stats-api.ts';
import { closeTestStores, openTestStore } from '../support/stores.ts';

afterAll(closeTestStores);

describe('the demo court cases', () => {
  test('are the 派驻法院 committee\'s: pulled by fayuan, counted under 派驻', async () => {
    const now = new Date('2026-12-07T03:00:00Z');
    const store = await openTestStore('sqlite');
    await seedIfEmpty(store, { demo: true, now });
    const court = await store.db.selectFrom('committees').select(['id', 'location']).where('kind', '=', '派驻').where('name', 'like', '%法院%').executeTakeFirstOrThrow();
    const rows = (await store.db.selectFrom('cases').select(['id', 'data', 'committee_id', 'village_code', 'accepted_on']).execute())
      .map((r) => ({ ...r, record: JSON.parse(r.data) as CaseRecord }));
    const courtCases = rows.filter((r) => r.record.court);
    expect(courtCases.length).toBeGreaterThanOrEqual(14);
    expect(courtCases.every((r) => r.committee_id === court.id && r.village_code === court.location.padEnd(12, '0'))).toBe(true);
    expect(courtCases.every((r) => r.accepted_on.startsWith('2026'))).toBe(true);
    expect(courtCases.every((r) => r.record.caseNo?.includes('开鲁县法调'))).toBe(true);

    const app = createApp({ store, now: () => now });
    const clientIds = new Map<string, string>();
    const login = async (username: string) => {
      const clientId = crypto.randomUUID();
      clientIds.set(username, clientId);
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'shuohe-2023', clientId }) });
      return ((await res.json()) as { token: string }).token;
    };
    const pulled = async (username: string) => {
      const token = await login(username);
      const ids = new Set<string>();
      for (let cursor = 0; ;) {
        const res = await app.request('/api/sync/pull', {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId: clientIds.get(username), cursor }),
        });
        expect(res.status).toBe(200);
        const page = (await res.json()) as PullResponse;
        for (const c of page.changes) if (c.entity === 'case' && c.op === 'upsert') ids.add(c.id);
        cursor = page.cursor;
        if (!page.hasMore) return ids;
      }
    };
    const fayuan = await pulled('fayuan');
    expect(courtCases.every((r) => fayuan.has(r.id))).toBe(true);
    expect([...fayuan].every((id) => rows.find((r) => r.id === id)?.committee_id === court.id)).toBe(true);
    const village = await pulled('tiaojie');
    expect(courtCases.some((r) => village.has(r.id))).toBe(false);

    const county = await login('xian');
    const stats = (await (await app.request('/api/stats?area=150523&from=2026-01-01&to=2026-12-31', { headers: { authorization: `Bearer ${county}` } })).json()) as StatsSummary;
    const court2026 = stats.byCommitteeType.find((r) => r.type === '派驻');
    expect(court2026?.rollup.accepted).toBe(courtCases.length);
  });
});
