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

  test('a result bigger than one slice comes back whole and in order', async () => {
    // On SQLite a big result crosses from the reader's thread in slices (sqlite-workers.ts SLICE):
    // every row arrives once, in the order the query gave.
    const result = await sql<{ n: number; label: string }>`with recursive r(n) as (select 1 union all select n + 1 from r where n < 7001)
      select n, 'row ' || n as label from r order by n`.execute(h.store.read);
    expect(result.rows).toHaveLength(7001);
    expect(result.rows.every((row, i) => Number(row.n) === i + 1 && row.label === `row ${i + 1}`)).toBe(true);
  }, 120_000);
});
