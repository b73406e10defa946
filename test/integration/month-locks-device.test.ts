// A locked edit refused on the device before it is saved (db/write.ts with shared/month-locks.ts):
// nothing written, nothing queued, and the sentence names the month and who can unlock it.
import { describe, it, expect } from 'vitest';
import { createCase, recordAgreement, addNote, editCase } from '../../src/state/actions.ts';
import { DomainError } from '../../src/db/errors.ts';
import { t } from '../../src/shared/i18n/index.ts';
import '../../src/shared/i18n/later.ts';
import type { SignedMonth } from '../../src/shared/month-locks.ts';
import { newDevice } from '../support/dexie-device.ts';
import { newCaseInput, agreement, VILLAGE } from '../support/case-factory.ts';

describe('signed months on the device', () => {
  it('refuses 调解成功 in a signed month on the form, saves a note, and names who unlocks', async () => {
    let signed: SignedMonth[] = [];
    const device = { ...newDevice(), signedMonths: () => Promise.resolve(signed) };
    const record = await createCase(device, newCaseInput({ acceptedOn: '2026-11-02' }));
    const queued = await device.db.outbox.count();
    signed = [{ town: VILLAGE.slice(0, 9), townName: '开鲁镇', month: '2026-11', county: false }];

    const refused = await recordAgreement(device, record.id, agreement()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    const error = refused as DomainError;
    expect(error.code).toBe('stats.lockedHere.town');
    expect(t(error.code, error.params)).toContain('开鲁镇2026年11月');
    expect(t(error.code, error.params)).toContain('开鲁镇司法所先解锁11月');
    expect(await device.db.outbox.count()).toBe(queued);
    expect((await device.db.cases.get(record.id))?.status).toBe('accepted');

    // A note changes no figure: saved as usual.
    await addNote(device, record.id, '双方同意下周再谈');
    expect(await device.db.outbox.count()).toBe(queued + 1);

    // Signed by the county too: only the county unlocks.
    signed = [{ ...signed[0]!, county: true }];
    const byCounty = (await editCase(device, record.id, (c) => ({ ...c, categoryCode: '03' })).catch((e: unknown) => e)) as DomainError;
    expect(byCounty.code).toBe('stats.lockedHere.county');
    expect(t(byCounty.code, byCounty.params)).toContain('县司法局');
  });
});
