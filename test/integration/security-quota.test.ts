// Issue #12 hole 10: a sync that fails because the phone's disk is full says so in Chinese, with
// what to do — not `同步出错：QuotaExceededError`. The disk fills up while a pulled page is written.
import { describe, it, expect } from 'vitest';
import { createCase } from '../../src/state/actions.ts';
import { createSyncRunner, type SyncStatusReport } from '../../src/sync/runner.ts';
import { t } from '../../src/shared/i18n/index.ts';
import { startHarness, simDevice, TOWN, VILLAGE_A } from '../support/sync-harness.ts';
import { newCaseInput } from '../support/case-factory.ts';

describe('sync with a full disk (issue #12)', () => {
  it('reports the full disk as a sentence saying what to do, and keeps the cursor where it was', async () => {
    const h = await startHarness();
    try {
      const sender = await simDevice(h, 'a', VILLAGE_A);
      await createCase(sender, newCaseInput());
      await sender.sync();
      const phone = await simDevice(h, 'zhen', TOWN);
      // The disk is full when the pulled case is written, as Chrome reports it.
      phone.db.cases.bulkPut = (() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))) as never;
      const reports: SyncStatusReport[] = [];
      const done = new Promise<void>((resolve) => {
        const runner = createSyncRunner({
          deps: () => ({ db: phone.db, api: phone.api, scope: TOWN, now: phone.now }),
          isOnline: () => true,
          onStatus: (r) => {
            reports.push(r);
            if (r.phase === 'error') {
              runner.stop();
              resolve();
            }
          },
        });
        void runner.run();
      });
      await done;
      const error = reports.find((r) => r.phase === 'error');
      expect(error?.lastError).toBe(t('sync.quota'));
      expect(error?.lastError).not.toContain('QuotaExceededError');
      expect(await phone.db.syncState.count()).toBe(0);
    } finally {
      await h.close();
    }
  });
});
