// Test-only page, built into a copy of dist/ under /seed/ so it shares the app's origin and its
// IndexedDB ("shuohe"): stores cases and events exactly as the app keeps them, so the document
// routes can be opened on real data without driving every form.
import { ShuoheDb, toStored } from '../../../src/db/schema.ts';
import type { CaseRecord } from '../../../src/shared/case.ts';
import type { CaseEvent } from '../../../src/shared/events.ts';

const db = new ShuoheDb();

Object.assign(window, {
  seed: {
    async put(records: CaseRecord[], events: CaseEvent[]): Promise<number> {
      await db.transaction('rw', db.cases, db.events, async () => {
        await db.cases.bulkPut(records.map(toStored));
        await db.events.bulkPut(events);
      });
      return db.cases.count();
    },
  },
});
document.title = 'ready';
