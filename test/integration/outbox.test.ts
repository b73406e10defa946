// The device write path: every local edit is one outbox entry in order, in the same transaction
// as the record; replaying the outbox on an empty copy rebuilds the same records.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applyMutation, type Mutation } from '../../src/shared/mutations.ts';
import type { CaseRecord } from '../../src/shared/case.ts';
import type { CaseEvent } from '../../src/shared/events.ts';
import { createCase, editCase, addSession, recordAgreement, terminate, addVisit, archive, addNote } from '../../src/state/actions.ts';
import { DomainError, StorageFullError } from '../../src/db/errors.ts';
import { fromStored } from '../../src/db/schema.ts';
import { newDevice } from '../support/dexie-device.ts';
import { newCaseInput, agreement } from '../support/case-factory.ts';

type Op =
  | { kind: 'create' }
  | { kind: 'edit'; target: number; facts: string; difficult: boolean }
  | { kind: 'session'; target: number }
  | { kind: 'agree'; target: number }
  | { kind: 'terminate'; target: number }
  | { kind: 'visit'; target: number }
  | { kind: 'archive'; target: number }
  | { kind: 'note'; target: number; text: string };

const target = fc.nat(20);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'create' as const }),
  fc.record({ kind: fc.constant('edit' as const), target, facts: fc.string({ minLength: 1, maxLength: 20 }), difficult: fc.boolean() }),
  fc.record({ kind: fc.constant('session' as const), target }),
  fc.record({ kind: fc.constant('agree' as const), target }),
  fc.record({ kind: fc.constant('terminate' as const), target }),
  fc.record({ kind: fc.constant('visit' as const), target }),
  fc.record({ kind: fc.constant('archive' as const), target }),
  fc.record({ kind: fc.constant('note' as const), target, text: fc.string({ minLength: 1, maxLength: 20 }) }),
);

function replay(outbox: Mutation[]): { cases: Map<string, CaseRecord>; events: Map<string, CaseEvent> } {
  const cases = new Map<string, CaseRecord>();
  const events = new Map<string, CaseEvent>();
  for (const m of outbox) {
    const outcome = applyMutation(cases.get(m.caseId), m, 'device', m.deviceTime);
    if (!outcome.ok) throw new Error(`replay refused ${m.name}: ${outcome.code}`);
    if (outcome.record) cases.set(m.caseId, outcome.record);
    for (const e of outcome.events) events.set(e.id, e);
  }
  return { cases, events };
}

describe('outbox', () => {
  it('holds one entry per accepted edit, in order, and replays into the same records (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const device = newDevice();
        const ids: string[] = [];
        let accepted = 0;
        for (const o of ops) {
          const before = await device.db.outbox.count();
          const id = ids.length > 0 ? ids[(o.kind === 'create' ? 0 : o.target) % ids.length] : undefined;
          try {
            if (o.kind === 'create') ids.push((await createCase(device, newCaseInput())).id);
            else if (!id) continue;
            else if (o.kind === 'edit') await editCase(device, id, (c) => ({ ...c, isDifficult: o.difficult, private: { ...c.private, facts: o.facts } }));
            else if (o.kind === 'session') await addSession(device, id, { at: '2026-11-05T09:00:00.000Z', place: '村委会', participants: [], statements: [], result: '双方各让一步' });
            else if (o.kind === 'agree') await recordAgreement(device, id, agreement());
            else if (o.kind === 'terminate') await terminate(device, id, { reason: '分歧大', otherRoutesTold: true });
            else if (o.kind === 'visit') await addVisit(device, id, { on: '2026-11-20', visitedPerson: '张三', performance: '已履行', satisfaction: '满意', notes: '' });
            else if (o.kind === 'archive') await archive(device, id);
            else await addNote(device, id, o.text);
          } catch (error) {
            // A refused edit (illegal step) must leave the outbox exactly as it was.
            expect(error).toBeInstanceOf(DomainError);
            expect(await device.db.outbox.count()).toBe(before);
            continue;
          }
          accepted += (await device.db.outbox.count()) - before;
        }
        const outbox = await device.db.outbox.orderBy('seq').toArray();
        expect(outbox.length).toBe(accepted);
        expect(outbox.map((m) => m.seq)).toEqual(outbox.map((_, i) => i + 1));
        expect(new Set(outbox.map((m) => m.mutationId)).size).toBe(outbox.length);

        const rebuilt = replay(outbox);
        const stored = (await device.db.cases.toArray()).map(fromStored);
        expect(stored.length).toBe(rebuilt.cases.size);
        for (const record of stored) expect(rebuilt.cases.get(record.id)).toEqual(record);
        const events = await device.db.events.toArray();
        expect(events.length).toBe(rebuilt.events.size);
        for (const e of events) expect(rebuilt.events.get(e.id)).toEqual(e);
        device.db.close();
      }),
      { numRuns: 25 },
    );
  });

  it('writes the case and its outbox entry together, and refuses invalid input with field messages', async () => {
    const device = newDevice();
    await expect(createCase(device, newCaseInput({ parties: [] }))).rejects.toMatchObject({ fields: { parties: 'case.parties.bothSides' } });
    expect(await device.db.cases.count()).toBe(0);
    expect(await device.db.outbox.count()).toBe(0);
    const saved = await createCase(device, newCaseInput());
    expect(saved.provisionalNo).toMatch(/^临[0-9A-F]{4}-0001$/);
    expect(await device.db.outbox.where('caseId').equals(saved.id).count()).toBe(1);
  });

  it('an illegal transition is refused with its message and changes nothing', async () => {
    const device = newDevice();
    const saved = await createCase(device, newCaseInput());
    const visit = await addVisit(device, saved.id, { on: '2026-11-20', visitedPerson: '张三', performance: '已履行', satisfaction: '满意', notes: '' }).catch((e: unknown) => e);
    expect(visit).toMatchObject({ code: 'visit.beforeAgreement' });
    const error = await archive(device, saved.id).catch((e: unknown) => e);
    // 受理 cannot be archived: the refusal names the allowed next steps.
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('transition.illegal');
    expect((error as DomainError).params?.next).toContain('调解中');
    const after = await device.db.cases.get(saved.id);
    expect(after?.status).toBe('accepted');
    expect(await device.db.outbox.count()).toBe(1);
  });

  for (const [label, makeError] of [
    ['QuotaExceededError', () => Object.assign(new Error('quota'), { name: 'QuotaExceededError' })],
    ['AbortError wrapping it', () => Object.assign(new Error('aborted'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } })],
  ] as const) {
    it(`a full disk (${label}) is reported as StorageFullError and leaves saved data untouched`, async () => {
      const device = newDevice();
      const first = await createCase(device, newCaseInput());
      let failing = false;
      device.db.use({
        stack: 'dbcore',
        name: 'fail-writes',
        create: (down) => ({
          ...down,
          table: (name) => {
            const table = down.table(name);
            return { ...table, mutate: (req) => (failing && name === 'outbox' ? Promise.reject(makeError()) : table.mutate(req)) };
          },
        }),
      });
      // Middleware takes effect on the next open.
      device.db.close();
      await device.db.open();
      failing = true;
      const error = await editCase(device, first.id, (c) => ({ ...c, private: { ...c.private, facts: '改过的事实' } })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageFullError);
      expect((error as StorageFullError).messageKey).toBe('storage.quota');
      failing = false;
      const after = await device.db.cases.get(first.id);
      expect(after?.private.facts).toBe(first.private.facts);
      expect(await device.db.outbox.count()).toBe(1);
    });
  }
});
