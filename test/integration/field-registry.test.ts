// A field added through the registry (涉及当事人数) end to end on the server: pushed with a case and
// patched, pulled back by another device, summed in the statistics (live and from the cells) and
// printed in the report; and every summed field of the registry locked by a signed month.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { agreement, caseRecord, Device } from '../support/server-device.ts';
import { caseFields, patchableFields, type CaseFieldSpec, type PatchableField } from '../../src/shared/fields/case-fields.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import { makeCtx } from '../../src/server/deps.ts';
import { areaRollup } from '../../src/server/stats/summary.ts';
import { refreshCells, cellGroups } from '../../src/server/stats/cells.ts';
import { rollupGroups } from '../../src/shared/stats.ts';

afterAll(closeTestStores);

/** The fields that feed a sum: each needs a changed value here (the type makes a new one fail until added). */
type SummedField = { [K in PatchableField]: (typeof caseFields)[K] extends { stats: { sums: readonly unknown[] } } ? K : never }[PatchableField];
const changed: { [K in SummedField]: (r: CaseRecord) => unknown } = {
  partiesInvolved: () => 9,
  isDifficult: (r) => !r.isDifficult,
  prevention: (r) => ({ ...r.prevention, groupFight: r.prevention.groupFight + 4 }),
  agreement: () => agreement,
};

describe.each(storeKinds)('a registry field on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('涉及当事人数 is pushed, patched, pulled by another device, summed live and in the cells, and printed in the report', async () => {
    const { med, town } = h.users;
    h.clock.now = new Date('2026-03-10T02:00:00Z');
    const a = caseRecord('150523100200', { acceptedOn: '2026-03-02', partiesInvolved: 5 });
    const b = caseRecord('150523100200', { acceptedOn: '2026-03-03' });
    const pushed = await h.push(med, med.device.request([
      med.device.create(a), med.device.create(b), med.device.patch(a.id, { partiesInvolved: { base: 5, next: 12 } }),
    ]));
    expect(pushed.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const other = new Device(med.id);
    const { changes } = await h.pullAll(med, 0, { device: other });
    const pulled = changes.flatMap((c) => (c.entity === 'case' && c.op === 'upsert' && c.id === a.id ? [c.data] : []));
    expect(pulled.at(-1)?.partiesInvolved).toBe(12);

    // A bad value is refused into review with the form's message, and nothing changes.
    const bad = await h.push(med, med.device.request([med.device.patch(a.id, { partiesInvolved: { base: 12, next: 2.5 } })]));
    expect(bad.body.results[0]?.status === 'rejected' && bad.body.results[0].code).toBe('validation.count');

    const ctx = makeCtx({ store: h.store, now: () => h.clock.now });
    const period = { from: '2026-03-01', to: '2026-04-01' };
    expect((await areaRollup(ctx, '150523100', period)).partiesInvolved).toBe(12);
    await refreshCells(h.store, () => h.clock.now);
    const cells = await cellGroups(h.store.db, { area: '150523', period, by: 'child' });
    expect(rollupGroups(cells).partiesInvolved).toBe(12);

    const csv = (await h.call<string>('GET', '/api/stats/report.csv?area=150523100&from=2026-03-01&to=2026-03-31', { token: town.token })).body;
    const rows = csv.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.split(','));
    const header = rows.find((r) => r.includes('涉及当事人数（人）')) ?? [];
    const column = header.indexOf('涉及当事人数（人）');
    expect(column).toBeGreaterThan(0);
    expect(rows.find((r) => r[0] === '合计')?.[column]).toBe('12');
  });

  test('an optional field once set can be cleared: 公开/不公开 and 涉及当事人数 go back to unset, and another device sees them unset', async () => {
    const { med } = h.users;
    h.clock.now = new Date('2026-03-10T02:00:00Z');
    const a = caseRecord('150523100200', { acceptedOn: '2026-03-02', partiesInvolved: 5, mediationPublic: '公开' });
    const reply = await h.push(med, med.device.request([
      med.device.create(a), med.device.patch(a.id, { mediationPublic: { base: '公开', next: null }, partiesInvolved: { base: 5, next: null } }),
    ]));
    expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const { changes } = await h.pullAll(med, 0, { device: new Device(med.id) });
    const pulled = changes.flatMap((c) => (c.entity === 'case' && c.op === 'upsert' && c.id === a.id ? [c.data] : [])).at(-1);
    expect(pulled).toBeDefined();
    expect(pulled && 'mediationPublic' in pulled).toBe(false);
    expect(pulled && 'partiesInvolved' in pulled).toBe(false);
  });

  test('a signed month refuses a change to every summed field of the registry', async () => {
    const { med, town } = h.users;
    h.clock.now = new Date('2026-03-10T02:00:00Z');
    const feb = caseRecord('150523100200', { acceptedOn: '2026-02-10', partiesInvolved: 3 });
    expect((await h.push(med, med.device.request([med.device.create(feb)]))).body.results[0]?.status).toBe('applied');
    expect((await h.call('POST', '/api/stats/signoffs', { token: town.token, body: { area: '150523100', month: '2026-02' } })).status).toBe(200);

    const summed = patchableFields.filter((f) => ((caseFields[f] as CaseFieldSpec).stats.sums ?? []).length > 0) as SummedField[];
    expect(summed.sort()).toEqual(Object.keys(changed).sort());
    for (const f of summed) {
      const base = f === 'agreement' ? null : (feb as unknown as Record<string, unknown>)[f] ?? null;
      const reply = await h.push(med, med.device.request([med.device.patch(feb.id, { [f]: { base, next: changed[f](feb) } })]));
      const result = reply.body.results[0];
      expect(result?.status === 'rejected' && result.code, f).toBe('stats.locked');
    }
  });
});
