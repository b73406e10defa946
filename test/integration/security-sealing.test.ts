// Issue #12 hole 2: every free text about a dispute is sealed at rest on the phone, not only
// `private` — the agreement's terms, the reasons a case ended, was refused or voided, notes,
// visits and review items, the 督促履行 note, the mediators' names. A case received from the server with a unique marker in each of them
// is stored, the device locked, and no IndexedDB store holds any marker. Rows sealed by the
// previous version (only `private`) are sealed again at the next unlock.
import { describe, it, expect } from 'vitest';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { createPin, unlockWithPin } from '../../src/db/crypto-pin.ts';
import { sealExistingRecords } from '../../src/db/crypto-migrate.ts';
import { SEAL_VERSION } from '../../src/db/crypto-keyring.ts';
import { getCase } from '../../src/db/queries.ts';
import { toStored } from '../../src/db/schema.ts';
import { applyPullPage } from '../../src/sync/apply-pull.ts';
import type { CaseEvent } from '../../src/shared/events.ts';
import type { ReviewItem } from '../../src/shared/protocol.ts';
import { newDevice } from '../support/dexie-device.ts';
import { dumpIndexedDb } from '../support/indexeddb-dump.ts';
import { caseRecord } from '../support/case-factory.ts';

const PIN = '480215';
const ITERATIONS = 2_000;
const MARK = {
  terms: 'MARK-TERMS-赔偿三千', method: 'MARK-METHOD-转账', termination: 'MARK-TERMINATION-不愿调解', rejection: 'MARK-REJECTION-已起诉',
  voided: 'MARK-VOID-重复录入', urge: 'MARK-URGE-已电话督促', mediator: 'MARK-MEDIATOR-杜若', note: 'MARK-NOTE-电话联系', visit: 'MARK-VISIT-已履行', review: 'MARK-REVIEW-另一说法', facts: 'MARK-FACTS-院墙',
};
const leaked = (dump: string) => Object.values(MARK).filter((m) => dump.includes(m));

function markedCase() {
  const record = caseRecord({
    status: 'agreed', outcome: 'success',
    agreement: { form: '书面', terms: [MARK.terms], performanceMethod: MARK.method, performanceDeadline: '2026-12-01', amountYuan: 3000, effectiveOn: '2026-11-10' },
    termination: { reason: MARK.termination, otherRoutesTold: true },
    rejection: { reason: '其他', note: MARK.rejection },
    voided: { reason: MARK.voided, at: '2026-11-12T02:00:00.000Z' },
    followUp: { urge: { openedOn: '2026-11-20', due: '2026-12-04', doneOn: '2026-11-25', note: MARK.urge }, confirmationWaivedOn: null },
    mediators: [MARK.mediator],
  });
  record.private.facts = MARK.facts;
  return record;
}

function childrenOf(record: ReturnType<typeof caseRecord>): { events: CaseEvent[]; review: ReviewItem } {
  const base = { caseId: record.id, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode, at: '2026-11-11T02:00:00.000Z', author: 'u1' };
  const events = [
    { ...base, id: uuidv7(), kind: 'note', data: { text: MARK.note } },
    { ...base, id: uuidv7(), kind: 'visit', data: { at: '2026-11-11T02:00:00.000Z', method: '上门', performance: '已履行', satisfied: true, note: MARK.visit } },
  ] as unknown as CaseEvent[];
  const review: ReviewItem = {
    id: uuidv7(), caseId: record.id, villageCode: record.villageCode, kind: 'conflict', status: 'open', createdAt: '2026-11-11T02:00:00.000Z',
    conflict: { field: 'private.facts', base: '', kept: MARK.facts, other: MARK.review, keptBy: 'u1', otherBy: 'u2', otherDeviceTime: '2026-11-11T02:00:00.000Z' } as never,
  };
  return { events, review };
}

describe('free texts sealed at rest (issue #12)', () => {
  it('a pulled case with a marker in every free-text field leaves none in IndexedDB once locked, and opens with the PIN', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    const record = markedCase();
    const { events, review } = childrenOf(record);
    await applyPullPage(device.db, record.villageCode, {
      changes: [
        { serverSeq: 1, entity: 'case', op: 'upsert', id: record.id, data: record },
        ...events.map((e, i) => ({ serverSeq: 2 + i, entity: 'event' as const, op: 'upsert' as const, id: e.id, data: e })),
        { serverSeq: 9, entity: 'review', op: 'upsert', id: review.id, data: review },
      ],
      cursor: 9, hasMore: false, lastProcessedSeq: 0,
    }, '2026-11-12T02:00:00.000Z');
    // Really stored (the dump below is not empty by accident).
    expect([await device.db.cases.count(), await device.db.events.count(), await device.db.review.count()]).toEqual([1, 2, 1]);
    device.db.vault.lock();
    expect(leaked(await dumpIndexedDb())).toEqual([]);

    expect(await unlockWithPin(device.db, PIN)).toEqual({ ok: true });
    const open = await getCase(device.db, record.id);
    expect(open?.agreement?.terms).toEqual([MARK.terms]);
    expect(open?.termination?.reason).toBe(MARK.termination);
    expect(open?.rejection?.note).toBe(MARK.rejection);
    expect(open?.voided?.reason).toBe(MARK.voided);
    expect(open?.followUp?.urge?.note).toBe(MARK.urge);
    expect(open?.mediators).toEqual([MARK.mediator]);
  });

  it('cases sealed by the previous version (only `private`) are sealed again after the next unlock', async () => {
    const device = newDevice();
    await createPin(device.db, PIN, ITERATIONS);
    const record = markedCase();
    // The row as version 1 stored it: `private` sealed, the agreement and reasons in clear.
    const v1 = { ...toStored(record), $sealed: device.db.vault.sealJson({ private: record.private }, `cases/${record.id}`), $fields: ['private'] } as Record<string, unknown>;
    delete v1.private;
    // Opened without the app's schema and middleware (Dexie's dynamic mode): written exactly as given.
    const raw = new Dexie(device.db.name);
    await raw.open();
    await raw.table('cases').put(v1);
    raw.close();
    await device.db.keyring.update('pin', { migrated: true, sealVersion: undefined });
    device.db.vault.lock();
    expect(leaked(await dumpIndexedDb())).toContain(MARK.terms);

    expect(await unlockWithPin(device.db, PIN)).toEqual({ ok: true });
    await sealExistingRecords(device.db);
    expect((await device.db.keyring.get('pin'))?.sealVersion).toBe(SEAL_VERSION);
    const open = await getCase(device.db, record.id);
    expect(open?.private.facts).toBe(MARK.facts);
    expect(open?.agreement?.terms).toEqual([MARK.terms]);
    expect(open?.followUp?.urge?.note).toBe(MARK.urge);
    expect(open?.mediators).toEqual([MARK.mediator]);
    device.db.vault.lock();
    expect(leaked(await dumpIndexedDb())).toEqual([]);
  });
});
