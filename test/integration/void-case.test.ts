// 作废 instead of deleting: the case stays on the server and on every device, leaves the
// statistics, and takes no more steps.
import { describe, it, expect } from 'vitest';
import { createCase, voidCase, addSession } from '../../src/state/actions.ts';
import { DomainError } from '../../src/db/errors.ts';
import { fromStored } from '../../src/db/schema.ts';
import { rollup, toStatCase } from '../../src/shared/stats.ts';
import { startHarness, simDevice, VILLAGE_A, TOWN } from '../support/sync-harness.ts';
import { newCaseInput } from '../support/case-factory.ts';

describe('voiding a case', () => {
  it('keeps it everywhere, out of the statistics, and refuses further steps', async () => {
    const h = await startHarness();
    try {
      const phone = await simDevice(h, 'a', VILLAGE_A);
      const kept = await createCase(phone, newCaseInput());
      const mistaken = await createCase(phone, newCaseInput());
      await phone.sync();
      await expect(voidCase(phone, mistaken.id, '  ')).rejects.toMatchObject({ fields: { reason: 'voidForm.reason.required' } });
      await voidCase(phone, mistaken.id, '重复登记');
      await phone.sync();

      const laptop = await simDevice(h, 'zhen', TOWN);
      await laptop.sync();
      const cases = (await laptop.db.cases.toArray()).map(fromStored);
      expect(cases.map((c) => c.id).sort()).toEqual([kept.id, mistaken.id].sort());
      expect(cases.find((c) => c.id === mistaken.id)?.voided?.reason).toBe('重复登记');
      expect(rollup(cases.map(toStatCase)).accepted).toBe(1);

      const refused = await addSession(phone, mistaken.id, { at: '2026-11-05T09:00:00.000Z', place: '村委会', participants: [], statements: [], result: '——' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).code).toBe('case.voidedError');
    } finally {
      await h.close();
    }
  });
});
