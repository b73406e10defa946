// 修改受理信息 (ui/cases/edit-case-draft.ts + editCase) on a fake-indexeddb device: only the fields
// the person changed go into the patch, with the stored value as base, so a field another device
// changed while the form was open is not overwritten; party details the form does not show survive.
import { describe, it, expect } from 'vitest';
import { createCase, editCase } from '../../src/state/actions.ts';
import { getCase } from '../../src/db/queries.ts';
import type { Party } from '../../src/shared/case.ts';
import { applyEdits, differing, draftOf } from '../../src/ui/cases/edit-case-draft.ts';
import { newDevice } from '../support/dexie-device.ts';
import { caseRecord, newCaseInput } from '../support/case-factory.ts';

describe('editing a case header', () => {
  it('writes only the changed fields and keeps party details the form does not show', async () => {
    const device = newDevice();
    const created = await createCase(device, newCaseInput({ place: '村口', facts: '原来的情况。' }));
    const applicant = created.private.parties[0] as Party;
    // Details from another source (e.g. an import) that the form has no field for.
    await editCase(device, created.id, (c) => ({
      ...c, private: { ...c.private, parties: c.private.parties.map((p) => (p.id === applicant.id ? { ...p, ethnicity: '蒙古族', address: '五家村三组' } : p)) },
    }));

    // The form opens, then a pull changes 纠纷简要情况 underneath it.
    const draft = draftOf((await getCase(device.db, created.id))!);
    await editCase(device, created.id, (c) => ({ ...c, private: { ...c.private, facts: '其他设备改过的情况。' } }));

    const values = {
      ...draft.values, place: ' 张家院墙外 ',
      parties: draft.values.parties.map((p) => (p.id === applicant.id ? { ...p, phone: '13912345678' } : p)),
    };
    const changed = differing(draft.start, values, created);
    expect(changed.sort()).toEqual(['parties', 'place']);

    const before = await device.db.outbox.count();
    const saved = await editCase(device, created.id, (c) => applyEdits(c, values, changed));
    expect(saved.private.place).toBe('张家院墙外');
    expect(saved.private.facts).toBe('其他设备改过的情况。');
    expect(saved.private.parties.find((p) => p.id === applicant.id)).toMatchObject({ phone: '13912345678', ethnicity: '蒙古族', address: '五家村三组' });

    const outbox = await device.db.outbox.toArray();
    expect(outbox).toHaveLength(before + 1);
    const last = outbox[outbox.length - 1];
    expect(last?.name).toBe('case.patch');
    if (last?.name !== 'case.patch') return;
    expect(Object.keys(last.patch).sort()).toEqual(['private.parties', 'private.place']);
    expect(last.patch['private.place']).toEqual({ base: '村口', next: '张家院墙外' });
  });

  it('treats whitespace-only differences as no change', () => {
    const record = caseRecord({ mediators: ['王建国', '李明'] });
    const draft = draftOf(record);
    const values = { ...draft.values, facts: `${draft.values.facts}  \n`, mediators: draft.values.mediators.replace('、', ' 、 ') };
    expect(differing(draft.start, values, record)).toEqual([]);
    expect(differing(draft.start, { ...values, facts: '新的情况' }, record)).toEqual(['facts']);
  });
});

