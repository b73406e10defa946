// Writes that queue up while one runs share the next COMMIT on SQLite (store/group-commit.ts).
// Each keeps its own outcome: a write that fails is rolled back alone, the others are kept, and
// every caller hears only after its write is committed. The same holds on PostgreSQL, where each
// write is its own transaction.
import { afterAll, describe, expect, test } from 'vitest';
import { closeTestStores, openTestStore, storeKinds } from '../support/stores.ts';

afterAll(closeTestStores);

const area = (code: string) => ({ code, name: `测试${code}`, level: 'village', parent: null });

describe.each(storeKinds)('writes queued together on %s', (kind) => {
  test('a failing write among queued ones is rolled back alone; the others are committed', async () => {
    const store = await openTestStore(kind);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first write holds the writer, so the next three queue up behind it.
    const first = store.write(async (tx) => {
      await tx.insertInto('areas').values(area('990000000001')).execute();
      await held;
      return 'first';
    });
    const ok = store.write(async (tx) => {
      await tx.insertInto('areas').values(area('990000000002')).execute();
      return 'ok';
    });
    const failing = store.write(async (tx) => {
      await tx.insertInto('areas').values(area('990000000003')).execute();
      throw new Error('refused after writing');
    });
    const duplicate = store.write(async (tx) => {
      // A constraint error from the database itself, not only from the code: the held first
      // write's row, so the outcome does not depend on the order PostgreSQL runs the others in.
      await tx.insertInto('areas').values(area('990000000001')).execute();
      return 'never';
    });
    const last = store.write(async (tx) => {
      await tx.insertInto('areas').values(area('990000000004')).execute();
      return 'last';
    });
    // Handled from now on: on PostgreSQL they may fail before the test reaches their assertions.
    failing.catch(() => undefined);
    duplicate.catch(() => undefined);
    release();
    expect(await first).toBe('first');
    expect(await ok).toBe('ok');
    await expect(failing).rejects.toThrow('refused after writing');
    await expect(duplicate).rejects.toThrow();
    expect(await last).toBe('last');
    const codes = (await store.read.selectFrom('areas').select('code').where('code', 'like', '9900%').orderBy('code').execute()).map((r) => r.code);
    expect(codes).toEqual(['990000000001', '990000000002', '990000000004']);
  });
});
