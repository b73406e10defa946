// The tab the case list opens on (state/case-queries.ts firstTabWithCases), read live as the
// list does: it follows cases arriving (a first pull) and leaving, though it reads one key per
// tab instead of counting the tab's cases.
import { describe, it, expect, vi } from 'vitest';
import { liveQuery } from 'dexie';
import { db } from '../../src/state/app-state.ts';
import { firstTabWithCases } from '../../src/state/case-queries.ts';
import { toStored } from '../../src/db/schema.ts';
import { caseRecord } from '../support/case-factory.ts';

describe('the case list opening tab', () => {
  it('is the first tab holding a case, and moves when cases arrive, change tab or go', async () => {
    const seen: (string | undefined)[] = [];
    const sub = liveQuery(() => firstTabWithCases(['open', 'visit', 'closed'] as const)).subscribe({ next: (tab) => seen.push(tab) });
    const until = (tab: string) => vi.waitFor(() => expect(seen.at(-1)).toBe(tab), { timeout: 10_000 });
    try {
      await until('open'); // nothing yet: the first tab
      const closed = caseRecord({ status: 'terminated' });
      await db.cases.put(toStored(closed));
      await until('closed');
      const agreed = caseRecord({ status: 'agreed' });
      await db.cases.put(toStored(agreed));
      await until('visit');
      await db.cases.put(toStored({ ...agreed, status: 'visited' }));
      await until('closed');
      const open = caseRecord({ status: 'mediating' });
      await db.cases.put(toStored(open));
      await until('open');
      await db.cases.delete(open.id);
      await until('closed');
      expect(await firstTabWithCases(['all'] as const)).toBe('all');
    } finally {
      sub.unsubscribe();
    }
  });
});
