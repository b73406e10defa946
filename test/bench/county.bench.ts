// Setting up a county from the bundled national list (≤ 2 s for 400 villages, issue #10):
// `node --import tsx test/bench/county.bench.ts`. 延庆区 (110119, 431 villages) into a fresh
// SQLite file, and into PostgreSQL when PG_TEST_URL or the binaries are there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/server/store/open.ts';
import { addCounty } from '../../src/server/divisions/add-county.ts';
import { startPg } from '../support/pg.ts';

const COUNTY = '110119';

async function measure(label: string, store: Store): Promise<void> {
  const started = performance.now();
  const done = await addCounty(store, COUNTY);
  const ms = performance.now() - started;
  const again = performance.now();
  await addCounty(store, COUNTY);
  console.log(`${label}: set up ${done.name} (${done.towns} towns, ${done.villages} villages) in ${ms.toFixed(0)} ms; again (nothing to add) ${(performance.now() - again).toFixed(0)} ms — budget 2000 ms`);
}

const dir = mkdtempSync(join(tmpdir(), 'shuohe-bench-county-'));
const sqlite = await openStore({ dataDir: dir });
await measure('SQLite', sqlite);
await sqlite.close();
rmSync(dir, { recursive: true, force: true });

try {
  const pg = await startPg();
  const store = await openStore({ databaseUrl: await pg.createDatabase() });
  await measure('PostgreSQL', store);
  await store.close();
  await pg.stop();
} catch (error) {
  console.log(`PostgreSQL: not measured (${(error as Error).message})`);
}
