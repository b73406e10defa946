// One dashboard answer brings the statistics cells up to date once (issue #13): summary() makes
// five roll-ups, and each used to ask whether anything had changed. Asked once, before the first
// roll-up, every figure still equals the cases as they are after a push.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { caseRecord } from '../support/server-device.ts';
import { makeCtx } from '../../src/server/deps.ts';
import { summary } from '../../src/server/stats/summary.ts';
import { liveGroups } from '../../src/server/stats/sql.ts';
import { rollupByKey, rollupGroups, type Period } from '../../src/shared/stats.ts';
import type { Store } from '../../src/server/store/open.ts';

afterAll(closeTestStores);

/** The store, counting the reads of the cells' watermark (one per refreshCells) and the writes. */
function counting(store: Store): { store: Store; refreshes: () => number; writes: () => number } {
  let refreshes = 0;
  let writes = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node.from).includes('"stat_cells_state"')) refreshes++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const read = store.read.withPlugin(plugin);
  return {
    store: { ...store, kind: store.kind, read, db: store.db, snapshot: store.snapshot, close: store.close, write: (fn) => (writes++, store.write(fn)) },
    refreshes: () => refreshes,
    writes: () => writes,
  };
}

describe.each(storeKinds)('the dashboard answer on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('refreshes the cells once per answer, and every figure equals the cases after a push', async () => {
    const { med, medB } = h.users;
    h.clock.now = new Date('2026-03-10T02:00:00Z');
    const a = caseRecord('150523100200', { acceptedOn: '2026-02-02' });
    const b = caseRecord('150523100200', { acceptedOn: '2026-03-03', categoryCode: '05' });
    const c = caseRecord('150523101200', { acceptedOn: '2026-03-05', source: '主动调解' });
    expect((await h.push(med, med.device.request([med.device.create(a), med.device.create(b)]))).status).toBe(200);
    expect((await h.push(medB, medB.device.request([medB.device.create(c)]))).status).toBe(200);

    const period: Period = { from: '2026-01-01', to: '2027-01-01' };
    const watched = counting(h.store);
    const ctx = makeCtx({ store: watched.store, now: () => h.clock.now });
    const live = async () => {
      const groups = await liveGroups(h.store.read, h.store.kind, { area: '150523', period, by: 'child' });
      const months = rollupByKey(await liveGroups(h.store.read, h.store.kind, { area: '150523', period, by: 'month' }));
      return { total: rollupGroups(groups), byTown: rollupByKey(groups), months };
    };
    const expectLive = async (s: Awaited<ReturnType<typeof summary>>) => {
      const want = await live();
      expect(s.source).toBe('cells');
      expect(s.total).toEqual(want.total);
      for (const child of s.children) if (want.byTown.has(child.code)) expect(child.rollup).toEqual(want.byTown.get(child.code));
      expect(s.children.filter((ch) => ch.rollup.accepted > 0).map((ch) => ch.code).sort()).toEqual([...want.byTown.keys()].sort());
      for (const point of s.trend) expect(point.accepted).toBe(want.months.get(point.month)?.accepted ?? 0);
    };

    const first = await summary(ctx, '150523', period);
    expect(watched.refreshes()).toBe(1);
    expect(watched.writes()).toBe(1);
    expect(first.total.accepted).toBe(3);
    await expectLive(first);

    // Nothing changed: one look at the watermark, no write.
    await summary(ctx, '150523', period);
    expect(watched.refreshes()).toBe(2);
    expect(watched.writes()).toBe(1);

    // A push moves a case to another category and month and closes another: the next answer has it all.
    const moved = await h.push(med, med.device.request([
      med.device.patch(a.id, { categoryCode: { base: '02', next: '05' }, acceptedOn: { base: '2026-02-02', next: '2026-03-02' } }),
    ]));
    expect(moved.body.results.map((r: { status: string }) => r.status)).toEqual(['applied']);
    const after = await summary(ctx, '150523', period);
    expect(watched.refreshes()).toBe(3);
    expect(watched.writes()).toBe(2);
    expect(after.trend.find((p) => p.month === '2026-02')?.accepted).toBe(0);
    expect(after.trend.find((p) => p.month === '2026-03')?.accepted).toBe(3);
    await expectLive(after);
  });
});
