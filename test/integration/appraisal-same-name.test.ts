// 调解员考核 tells two mediators with the same name apart (issue #15): two 王建国 serve one village,
// each linked to their own sign-in account; each takes cases in on their own phone; the town's
// appraisal gives each their own cases (2 and 1), not 3 apiece as matching by name did.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createCase } from '../../src/state/actions.ts';
import { createUser } from '../../src/server/auth/users.ts';
import type { AppraisalTable } from '../../src/shared/appraisal.ts';
import { startHarness, simDevice, login, VILLAGE_A, type Harness } from '../support/sync-harness.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { newCaseInput } from '../support/case-factory.ts';

function suite(label: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`考核 by account, not by name (${label})`, () => {
    let h: Harness;
    let town = '';
    const call = (path: string, body?: unknown) => h.fetch(path, {
      method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${town}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    beforeAll(async () => {
      h = await startHarness(await databaseUrl());
      // A second 王建国 in the same village, with an account of their own.
      await createUser(h.store.db, { username: 'a2', displayName: '王建国', role: 'mediator', scope: VILLAGE_A, password: 'pw-12345678' });
      town = await login(h, 'zhen');
    });
    afterAll(async () => {
      await h?.close();
    });

    it('credits each same-named mediator with the cases their own account took in', async () => {
      const committee = await h.store.read.selectFrom('committees').select('id').where('area_code', '=', VILLAGE_A).executeTakeFirstOrThrow();
      const accountOf = async (username: string) => (await h.store.read.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
      const registered: Record<string, string> = {};
      for (const username of ['a', 'a2']) {
        const res = await call('/api/registry/mediators', {
          committeeId: committee.id, name: '王建国', gender: '男', ethnicity: '汉族', phone: null, isPhonePublic: false, memberRole: '委员',
          isFullTime: false, termStart: null, termEnd: null, leftOn: null, accountId: await accountOf(username),
        });
        expect(res.status).toBe(201);
        registered[username] = ((await res.json()) as { id: string }).id;
      }
      // Linking a town account (not a mediator's) is refused.
      const wrong = await call('/api/registry/mediators', {
        committeeId: committee.id, name: '刘司法', gender: '男', ethnicity: '汉族', phone: null, isPhonePublic: false, memberRole: null,
        isFullTime: false, termStart: null, termEnd: null, leftOn: null, accountId: await accountOf('zhen'),
      });
      expect(wrong.status).toBe(400);

      const first = await simDevice(h, 'a', VILLAGE_A);
      const second = await simDevice(h, 'a2', VILLAGE_A);
      for (let i = 0; i < 2; i++) await createCase(first, newCaseInput({ villageCode: VILLAGE_A, acceptedOn: '2026-11-02', mediators: ['王建国'] }));
      await createCase(second, newCaseInput({ villageCode: VILLAGE_A, acceptedOn: '2026-11-03', mediators: ['王建国'] }));
      await first.sync();
      await second.sync();

      const table = (await (await call('/api/appraisal?year=2026')).json()) as AppraisalTable;
      const rows = table.rows.filter((r) => r.name === '王建国');
      expect(rows.map((r) => [r.mediatorId, r.cases]).sort()).toEqual([[registered.a, 2], [registered.a2, 1]].sort());
      // Each one's page lists only their own cases.
      const page = (await (await call(`/api/appraisal/mediators/${registered.a2}?year=2026`)).json()) as { cases: { acceptedOn: string }[] };
      expect(page.cases.map((c) => c.acceptedOn)).toEqual(['2026-11-03']);
    });
  });
}

afterAll(closeTestStores);
for (const kind of storeKinds) suite(storeLabel[kind], () => testDatabaseUrl(kind));
