// A long read never holds up a push: on SQLite reads run on worker threads (sqlite-readers.ts),
// on PostgreSQL in the database server. The read here counts to three million in SQL (a second or more);
// the push, a few statements on the writer, must be answered while it is still running.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { caseRecord } from '../support/server-device.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('reads beside pushes on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('a push is answered while a long read is still running', async () => {
    const { med } = h.users;
    let readDone = false;
    const slow = sql<{ n: number }>`with recursive r(n) as (select 1 union all select n + 1 from r where n < 3000000) select count(*) as n from r`
      .execute(h.store.read)
      .then((result) => {
        readDone = true;
        return result;
      });
    const reply = await h.push(med, med.device.request([med.device.create(caseRecord(med.scope))]));
    expect(reply.status).toBe(200);
    expect(reply.body.results[0]).toMatchObject({ status: 'applied' });
    expect(readDone).toBe(false);
    expect(Number((await slow).rows[0]?.n)).toBe(3_000_000);
  }, 120_000);
});
