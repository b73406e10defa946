// The restore drill (issue 12): phones push while the server is backed up; they go on syncing
// after the backup; the server is lost and restored from the backup into an empty database; the
// phones sync again. Every mutation the server had acknowledged is then present exactly once —
// the phones re-sent from their journal what the backup lacked — and every phone agrees with the
// server. A restore into a database that holds data is refused. SQLite and PostgreSQL.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addSession, createCase, editCase } from '../../src/state/actions.ts';
import { backup, restore, BackupError } from '../../src/server/ops/backup.ts';
import { openStore, type StoreOptions } from '../../src/server/store/open.ts';
import { readEpoch } from '../../src/server/ops/epoch.ts';
import { startHarness, simDevice, VILLAGE_A, VILLAGE_B, TOWN, type Harness, type SimDevice } from '../support/sync-harness.ts';
import { closeTestStores, storeKinds, storeLabel, testDatabaseUrl } from '../support/stores.ts';
import { newCaseInput } from '../support/case-factory.ts';
import { deviceMeta } from '../../src/db/device.ts';

afterAll(closeTestStores);

const root = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'shuohe-drill-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every processed mutation the server holds, by mutationId. */
async function acknowledged(h: Harness): Promise<Map<string, number>> {
  const rows = await h.store.read.selectFrom('mutation_log').select(['mutation_id']).where('result', '!=', 'duplicate').execute();
  const counts = new Map<string, number>();
  for (const r of rows) if (r.mutation_id) counts.set(r.mutation_id, (counts.get(r.mutation_id) ?? 0) + 1);
  return counts;
}

async function serverCases(h: Harness, prefix: string) {
  const rows = await h.store.read.selectFrom('cases').select(['id', 'data']).where('village_code', 'like', `${prefix}%`).execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.data) as { status: string; isDifficult: boolean }]));
}

/** A burst of work on a phone: a new case, an edit and a session on it. */
async function work1(phone: SimDevice, village: string): Promise<void> {
  const c = await createCase(phone, newCaseInput({ villageCode: village }));
  await editCase(phone, c.id, (r) => ({ ...r, isDifficult: true }));
  await addSession(phone, c.id, { at: '2026-11-21T09:00:00.000Z', place: '村委会', participants: [], statements: [{ partyName: '张三', text: '对方的水流进我家院子。' }], result: '约定下次再谈' });
}

for (const kind of storeKinds) {
  describe(`restore drill on ${storeLabel[kind]}`, () => {
    it('phones re-send what the restored server lost; every acknowledged mutation is present exactly once', async () => {
      const url = await testDatabaseUrl(kind);
      const h = await startHarness(url);
      const source: StoreOptions = url ? { databaseUrl: url } : { dataDir: h.dataDir as string };
      try {
        const a1 = await simDevice(h, 'a', VILLAGE_A);
        const a2 = await simDevice(h, 'a', VILLAGE_A);
        const b = await simDevice(h, 'b', VILLAGE_B);
        const town = await simDevice(h, 'zhen', TOWN);
        const phones = [a1, a2, b];
        const villageOf = (p: SimDevice) => (p === b ? VILLAGE_B : VILLAGE_A);
        for (const p of phones) await work1(p, villageOf(p));
        await Promise.all([...phones, town].map((p) => p.sync()));

        // The backup runs while the phones keep recording and pushing.
        const file = join(work, `drill-${kind}.backup`);
        const pushing = (async () => {
          for (let round = 0; round < 3; round++) {
            for (const p of phones) await work1(p, villageOf(p));
            await Promise.all(phones.map((p) => p.sync()));
          }
        })();
        await Promise.all([backup(source, file), pushing]);
        // … and after it: all of this is acknowledged, and gone from the phones' outboxes.
        for (const p of phones) await work1(p, villageOf(p));
        await Promise.all([...phones, town].map((p) => p.sync()));
        for (const p of phones) expect(await p.db.outbox.count()).toBe(0);
        const before = await acknowledged(h);
        const casesBefore = await serverCases(h, TOWN);
        // Everything the phones recorded (their running seq) was acknowledged.
        let recorded = 0;
        for (const p of phones) recorded += (await deviceMeta(p.db)).nextSeq - 1;
        expect(before.size).toBe(recorded);

        // The server is lost. A restore into a database with data in it is refused …
        await expect(restore(file, source)).rejects.toThrow(BackupError);
        await expect(restore(file, source)).rejects.toThrow(/只能恢复到空的 DATA_DIR 或空数据库/);
        // … into an empty one it works, and the server starts on it.
        const emptyUrl = await testDatabaseUrl(kind);
        const target: StoreOptions = emptyUrl ? { databaseUrl: emptyUrl } : { dataDir: join(work, `restored-${kind}`) };
        await restore(file, target);
        await h.moveTo(target);
        const restoredAcks = await acknowledged(h);
        expect(restoredAcks.size).toBeLessThan(before.size); // the backup missed the later work

        // One phone has new work queued (its push meets the new epoch), the others do not (their pull does).
        await work1(a2, VILLAGE_A);
        const queued = await a2.db.outbox.count();
        for (const p of [...phones, town]) await p.sync();
        for (const p of [...phones, town]) await p.sync();

        const after = await acknowledged(h);
        for (const [id] of before) expect(after.get(id), `mutation ${id}`).toBe(1);
        expect([...after.values()].every((n) => n === 1)).toBe(true);
        expect(after.size).toBe(before.size + queued);
        const casesAfter = await serverCases(h, TOWN);
        expect(casesAfter.size).toBe(casesBefore.size + 1);
        for (const [id, c] of casesBefore) expect(casesAfter.get(id)?.isDifficult, `case ${id}`).toBe(c.isDifficult);
        // Every device agrees with the restored server, outboxes empty.
        for (const p of [...phones, town]) {
          expect(await p.db.outbox.count()).toBe(0);
          const scope = p === town ? TOWN : villageOf(p);
          expect((await p.db.cases.toArray()).map((c) => c.id).sort()).toEqual([...(await serverCases(h, scope)).keys()].sort());
        }
      } finally {
        await h.close();
      }
    });
  });
}

/** `npm run backup|restore -- FILE` as an operator types it, against DATA_DIR or DATABASE_URL. */
async function npmRun(script: 'backup' | 'restore', file: string, target: StoreOptions): Promise<{ code: number; out: string }> {
  const env = { ...process.env, ...('databaseUrl' in target ? { DATABASE_URL: target.databaseUrl } : { DATA_DIR: target.dataDir, DATABASE_URL: '' }) };
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', script, '--', file], { cwd: root, env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

for (const kind of storeKinds) {
  describe(`npm run backup / restore on ${storeLabel[kind]}`, () => {
    it('backs up the running server, refuses a restore over data, restores into an empty database with a new epoch', async () => {
      const url = await testDatabaseUrl(kind);
      const h = await startHarness(url);
      const source: StoreOptions = url ? { databaseUrl: url } : { dataDir: h.dataDir as string };
      try {
        const phone = await simDevice(h, 'a', VILLAGE_A);
        await work1(phone, VILLAGE_A);
        await phone.sync();
        const file = join(work, `cli-${kind}.backup`);
        const made = await npmRun('backup', file, source);
        expect(made, made.out).toMatchObject({ code: 0 });
        expect(made.out).toContain('已备份到');
        expect(existsSync(file)).toBe(true);
        // Never overwrites a backup.
        const again = await npmRun('backup', file, source);
        expect(again.code).toBe(1);
        expect(again.out).toContain('已经存在');

        const refused = await npmRun('restore', file, source);
        expect(refused.code).toBe(1);
        expect(refused.out).toContain('只能恢复到空的 DATA_DIR 或空数据库');
        const emptyUrl = await testDatabaseUrl(kind);
        const target: StoreOptions = emptyUrl ? { databaseUrl: emptyUrl } : { dataDir: join(work, `cli-restored-${kind}`) };
        const restored = await npmRun('restore', file, target);
        expect(restored, restored.out).toMatchObject({ code: 0 });
        const store = await openStore(target);
        try {
          expect(await readEpoch(store.read)).not.toBe(await readEpoch(h.store.read));
          const cases = await store.read.selectFrom('cases').select('id').execute();
          expect(cases.map((c) => c.id)).toEqual((await h.store.read.selectFrom('cases').select('id').execute()).map((c) => c.id));
        } finally {
          await store.close();
        }
      } finally {
        await h.close();
      }
    });
  });
}
