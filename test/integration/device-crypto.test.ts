// Personal data sealed at rest on the device (DESIGN.md §Data): after a save and a lock, no
// party name, 身份证号, phone or fact is anywhere in IndexedDB — every database, every store,
// bytes included; the right PIN opens it all again, a wrong one nothing; ten wrong PINs mean a
// wipe; an install from before the PIN is sealed in place; a pull is stored sealed.
import { describe, it, expect, vi } from 'vitest';
import { liveQuery } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { createCase, editCase, addSession } from '../../src/state/actions.ts';
import { getCase, eventsOf, searchCases } from '../../src/db/queries.ts';
import { createPin, unlockWithPin, MAX_PIN_FAILURES } from '../../src/db/crypto-pin.ts';
import { sealExistingRecords } from '../../src/db/crypto-migrate.ts';
import { LockedError } from '../../src/db/crypto-keyring.ts';
import { wipeDevice } from '../../src/db/device.ts';
import { saveDraft, loadDraft, sealDraftsWith } from '../../src/db/settings.ts';
import { applyPullPage } from '../../src/sync/apply-pull.ts';
import { sealRows } from '../../src/db/crypto-middleware.ts';
import { toStored, type ShuoheDb } from '../../src/db/schema.ts';
import { newDevice } from '../support/dexie-device.ts';
import { dumpIndexedDb } from '../support/indexeddb-dump.ts';
import { newCaseInput, caseRecord } from '../support/case-factory.ts';

const ITERATIONS = 2_000; // the app's 600,000 only slows the tests; the logic is the same
const PIN = '480215';
const SECRETS = ['张三丰', '李四海', '150523199001011234', '13800001234', '院墙滴水', '第三组东头', '当场道歉'];

function secretCase() {
  return newCaseInput({
    parties: [
      { id: uuidv7(), role: '申请人', name: '张三丰', idNumber: '150523199001011234', phone: '13800001234', address: '五家村第三组东头' },
      { id: uuidv7(), role: '被申请人', name: '李四海' },
    ],
    facts: '两家因院墙滴水发生争执。',
  });
}

const leaked = (dump: string) => SECRETS.filter((s) => dump.includes(s));

async function storeEverything(device: ReturnType<typeof newDevice>) {
  const saved = await createCase(device, secretCase());
  await editCase(device, saved.id, (c) => ({ ...c, private: { ...c.private, place: '五家村第三组东头' } }));
  await addSession(device, saved.id, {
    at: '2026-11-03T09:00:00Z', place: '村委会', participants: ['王二'], statements: [{ partyName: '张三丰', text: '要求当场道歉' }], result: '当场道歉',
  });
  await device.db.blobs.put({ sha256: 'f'.repeat(64), size: 9, mime: 'image/jpeg', state: 'pending', bytes: new TextEncoder().encode('张三丰身份证').buffer, caseId: saved.id, sent: 0, error: null, isRefused: false, addedAt: '2026-11-03T09:00:00Z' } as never);
  await saveDraft('new-case', { parties: [{ name: '李四海' }], facts: '院墙滴水' });
  return saved;
}

describe('personal data sealed at rest', () => {
  it('leaves no name, 身份证号, phone or fact in IndexedDB once locked, and opens with the PIN', async () => {
    const device = newDevice();
    sealDraftsWith(device.db.vault);
    await createPin(device.db, PIN, ITERATIONS);
    const saved = await storeEverything(device);
    device.db.vault.lock();

    expect(leaked(await dumpIndexedDb())).toEqual([]);
    await expect(getCase(device.db, saved.id).then((c) => c?.private.parties)).rejects.toThrow(LockedError);
    // Writing personal data while locked is refused, not done in clear.
    await expect(createCase(device, secretCase())).rejects.toThrow(LockedError);

    expect(await unlockWithPin(device.db, PIN)).toEqual({ ok: true });
    const open = await getCase(device.db, saved.id);
    expect(open?.private.parties.map((p) => p.idNumber)).toContain('150523199001011234');
    expect(open?.private.place).toBe('五家村第三组东头');
    const events = await eventsOf(device.db, saved.id);
    expect(events.flatMap((e) => (e.kind === 'session' ? e.data.statements.map((s) => s.partyName) : []))).toEqual(['张三丰']);
    const outbox = await device.db.outbox.toArray();
    expect(outbox.map((m) => m.name)).toEqual(['case.create', 'case.patch', 'event.append', 'case.transition']);
    expect(JSON.stringify(outbox)).toContain('张三丰'); // what the push sends is the plain mutation
    expect(new TextDecoder().decode((await device.db.blobs.get('f'.repeat(64)))?.bytes)).toBe('张三丰身份证');
    expect(await loadDraft('new-case')).toEqual({ parties: [{ name: '李四海' }], facts: '院墙滴水' });
    sealDraftsWith(newDevice().db.vault);
  });

  it('finds cases by party name after unlock, follows new writes, and forgets names on lock', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    const first = await createCase(device, secretCase());
    expect((await searchCases(device.db, '三丰')).map((c) => c.id)).toEqual([first.id]);
    const second = await createCase(device, newCaseInput({ parties: [{ id: uuidv7(), role: '申请人', name: '赵三丰' }, { id: uuidv7(), role: '被申请人', name: '钱五' }] }));
    expect((await searchCases(device.db, '三丰')).map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
    await editCase(device, second.id, (c) => ({ ...c, private: { ...c.private, parties: c.private.parties.map((p) => ({ ...p, name: p.name === '赵三丰' ? '赵六' : p.name })) } }));
    expect((await searchCases(device.db, '三丰')).map((c) => c.id)).toEqual([first.id]);
    device.db.vault.lock();
    await expect(searchCases(device.db, '三丰')).rejects.toThrow(LockedError);
  });

  it('a live name search (the case list) runs again on a new case, an edit of a name and a pull, though it reads no count', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    const first = await createCase(device, secretCase());
    const seen: string[][] = [];
    const subscription = liveQuery(() => searchCases(device.db, '三丰')).subscribe({ next: (cases) => seen.push(cases.map((c) => c.id).sort()) });
    const until = (ids: string[]) => vi.waitFor(() => expect(seen.at(-1)).toEqual([...ids].sort()), { timeout: 10_000 });
    try {
      await until([first.id]);
      const second = await createCase(device, newCaseInput({ parties: [{ id: uuidv7(), role: '申请人', name: '赵三丰' }, { id: uuidv7(), role: '被申请人', name: '钱五' }] }));
      await until([first.id, second.id]);
      await editCase(device, second.id, (c) => ({ ...c, private: { ...c.private, parties: c.private.parties.map((p) => ({ ...p, name: p.name === '赵三丰' ? '赵六' : p.name })) } }));
      await until([first.id]);
      // A case arriving by a pull (written by the sync, not by a form on this page).
      const pulled = caseRecord();
      pulled.private.parties = [{ id: uuidv7(), role: '申请人', name: '孙三丰' }];
      await applyPullPage(device.db, '150523100200', { changes: [{ serverSeq: 1, entity: 'case', op: 'upsert', id: pulled.id, data: pulled }], cursor: 1, hasMore: false, lastProcessedSeq: 0 }, '2026-11-21T08:00:00Z');
      await until([first.id, pulled.id]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('warms the name index ahead of the first search: same results, one build shared with a search meanwhile, writes during it found, a lock throws it away', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    const records = Array.from({ length: 1_500 }, (_, i) => caseRecord({
      private: { parties: [{ id: uuidv7(), role: '申请人', name: `丙${i}号` }, { id: uuidv7(), role: '被申请人', name: '丁' }], facts: '院墙滴水', claims: [], place: '' },
    }));
    await device.db.cases.bulkPut(await sealRows(device.db.vault, 'cases', 'id', records.map(toStored)));
    const { names } = device.db;

    // A search while the warm-up runs waits for that build instead of making a second one.
    const warming = names.warm(device.db.cases, device.db.vault);
    const during = searchCases(device.db, '丙1499号');
    // A case written while the build reads its pages is found all the same.
    const late = await createCase(device, newCaseInput({ parties: [{ id: uuidv7(), role: '申请人', name: '丙晚到' }, { id: uuidv7(), role: '被申请人', name: '丁' }] }));
    await warming;
    expect((await during).map((c) => c.id)).toEqual([records[1499]?.id]);
    expect(names.builds).toBe(1);
    expect((await searchCases(device.db, '丙晚到')).map((c) => c.id)).toEqual([late.id]);
    expect((await searchCases(device.db, '丙7号')).map((c) => c.id)).toEqual([records[7]?.id]);
    expect(names.builds).toBe(1);

    // Locked while warming: nothing of that build is kept, and the next search after unlock builds anew.
    names.clear();
    const again = names.warm(device.db.cases, device.db.vault);
    device.db.vault.lock();
    await again;
    await expect(searchCases(device.db, '丙7号')).rejects.toThrow(LockedError);
    expect(await unlockWithPin(device.db, PIN)).toEqual({ ok: true });
    const builds = names.builds;
    expect((await searchCases(device.db, '丙7号')).map((c) => c.id)).toEqual([records[7]?.id]);
    expect(names.builds).toBe(builds + 1);
  });

  it('builds the name index a page at a time, opened in batches, over more cases than one page', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    const records = Array.from({ length: 2_100 }, (_, i) => caseRecord({
      private: { parties: [{ id: uuidv7(), role: '申请人', name: `甲${i}号` }, { id: uuidv7(), role: '被申请人', name: '乙' }], facts: '院墙滴水', claims: [], place: '' },
    }));
    await device.db.cases.bulkPut(await sealRows(device.db.vault, 'cases', 'id', records.map(toStored)));
    expect(leaked(await dumpIndexedDb())).not.toContain('院墙滴水');
    expect((await searchCases(device.db, '甲2099号')).map((c) => c.id)).toEqual([records[2099]?.id]);
    expect((await searchCases(device.db, '甲0号')).map((c) => c.id)).toEqual([records[0]?.id]);
    expect((await searchCases(device.db, '甲1050号')).map((c) => c.id)).toEqual([records[1050]?.id]);
  });

  it('refuses a wrong PIN and wipes after ten in a row', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    await createCase(device, secretCase());
    device.db.vault.lock();
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      expect(await unlockWithPin(device.db, '111111')).toEqual({ ok: false, failures: i, wipe: false });
      expect(device.db.vault.mode).toBe('locked');
    }
    expect(await unlockWithPin(device.db, '111111')).toEqual({ ok: false, failures: MAX_PIN_FAILURES, wipe: true });
    await wipeDevice(device.db);
    expect(await device.db.cases.count()).toBe(0);
    expect(await device.db.outbox.count()).toBe(0);
    expect(await device.db.keyring.count()).toBe(0);
    expect(device.db.vault.mode).toBe('plain');
  });

  it('counts wrong PINs across restarts and resets the count on the right one', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    device.db.vault.lock();
    await unlockWithPin(device.db, '111111');
    await unlockWithPin(device.db, '111111');
    expect((await device.db.keyring.get('pin'))?.failures).toBe(2);
    expect(await unlockWithPin(device.db, PIN)).toEqual({ ok: true });
    expect((await device.db.keyring.get('pin'))?.failures).toBe(0);
  });

  it('seals an install from before the PIN in place, and a second run changes nothing', async () => {
    const device = newDevice();
    sealDraftsWith(device.db.vault);
    const saved = await storeEverything(device);
    expect(leaked(await dumpDb(device.db)).length).toBeGreaterThan(0);

    await createPin(device.db, PIN, ITERATIONS);
    await sealExistingRecords(device.db);
    const { sealDrafts } = await import('../../src/db/settings.ts');
    await sealDrafts();
    expect(leaked(await dumpDb(device.db))).toEqual([]);
    expect((await device.db.keyring.get('pin'))?.migrated).toBe(true);

    // As if the run had been cut short: run again over records already sealed.
    const before = await rawRows(device.db, 'cases');
    await device.db.keyring.update('pin', { migrated: false });
    await sealExistingRecords(device.db);
    expect(await rawRows(device.db, 'cases')).toEqual(before);
    expect((await getCase(device.db, saved.id))?.private.parties[0]?.phone).toBe('13800001234');
    expect(await device.db.outbox.count()).toBe(4);
    sealDraftsWith(newDevice().db.vault);
  });

  it('stores a pulled page sealed, and rebases pending edits over it', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    const mine = await createCase(device, secretCase());
    const server = caseRecord({ private: { parties: [{ id: uuidv7(), role: '申请人', name: '张三丰', phone: '13800001234' }], facts: '院墙滴水', claims: [], place: '' } });
    await applyPullPage(device.db, '150523100200', {
      changes: [
        { serverSeq: 1, entity: 'case', op: 'upsert', id: server.id, data: server },
        { serverSeq: 2, entity: 'case', op: 'upsert', id: mine.id, data: { ...mine, version: 1, private: { ...mine.private, facts: '两家因院墙滴水发生争执。' } } },
      ],
      cursor: 2, hasMore: false, lastProcessedSeq: 0,
    }, '2026-11-21T08:00:00Z');
    device.db.vault.lock();
    expect(leaked(await dumpDb(device.db))).toEqual([]);
    await unlockWithPin(device.db, PIN);
    expect((await getCase(device.db, server.id))?.private.parties[0]?.name).toBe('张三丰');
    expect((await getCase(device.db, mine.id))?.private.parties[0]?.idNumber).toBe('150523199001011234');
  });
});

async function rawRows(db: ShuoheDb, store: string): Promise<unknown[]> {
  const idb = db.backendDB();
  return new Promise((resolve, reject) => {
    const req = idb.transaction(store).objectStore(store).getAll();
    req.onsuccess = () => resolve(req.result as unknown[]);
    req.onerror = () => reject(req.error);
  });
}

/** This device's database and the drafts store, as text. */
async function dumpDb(db: ShuoheDb): Promise<string> {
  const text = (_k: string, v: unknown) => (ArrayBuffer.isView(v) || v instanceof ArrayBuffer ? new TextDecoder().decode(v) : v);
  const stores = ['cases', 'events', 'outbox', 'review', 'blobs', 'meta', 'syncState', 'keyring'];
  const parts = await Promise.all(stores.map(async (s) => JSON.stringify(await rawRows(db, s), text)));
  const { entries } = await import('idb-keyval');
  parts.push(JSON.stringify(await entries(), text));
  return parts.join('\n');
}
