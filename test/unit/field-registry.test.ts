// The field registry (shared/fields): every place that lists case fields or sums is derived from it,
// so walking the registry must find each field in each of those places — and every summed field
// locked by a signed month, every sum in the SQL, the cells and the report.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import '../../src/shared/i18n/later.ts';
import { hasMessage } from '../../src/shared/i18n/index.ts';
import { readField, writeField, type PatchableField } from '../../src/shared/case.ts';
import {
  caseFields, codecOf, editedOn, emptyFormValues, formFields, formKeyOf, lockedFields, patchableFields, upgradeFormValues, type CaseFieldSpec,
} from '../../src/shared/fields/case-fields.ts';
import { CaseRecordWireSchema, NewCaseSchema, caseFieldSchemas, newCaseInputOf } from '../../src/shared/fields/case-schemas.ts';
import { caseColumnNames, rowSumNames, statSums, sumNames, sumsOf, type SumSpec } from '../../src/shared/fields/stat-sums.ts';
import { countCodec, namesCodec, linesCodec, parseCount, textCodec } from '../../src/shared/fields/form-codecs.ts';
import { MutationWireSchema } from '../../src/shared/protocol-schema.ts';
import { reportColumns, caseTable } from '../../src/shared/report.ts';
import { emptyRollup, toGroup, toStatCase } from '../../src/shared/stats.ts';
import { checkField, checkNewCase } from '../../src/server/sync/validate.ts';
import { groupSums } from '../../src/server/stats/sql.ts';
import { applyEdits, differing, draftOf, editFields, upgradeEditDraft, valuesOf } from '../../src/ui/cases/edit-case-draft.ts';
import { redoOf } from '../../src/ui/review/redo.ts';
import { agreement, caseRecord } from '../support/case-factory.ts';
import { uuidv7 } from 'uuidv7';
import { clearableFields } from '../../src/shared/fields/clearable.ts';
import type { Mutation } from '../../src/shared/mutations.ts';
import { CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, Kysely, DummyDriver } from 'kysely';

const spec = (f: PatchableField): CaseFieldSpec => caseFields[f];
const sample = caseRecord({
  status: 'agreed', outcome: 'success', isDifficult: true, agreement: agreement({ amountYuan: 1200 }),
  prevention: { suicide: 1, criminal: 0, groupPetition: 7, groupFight: 0 }, mediators: ['王建国', '李明'], partiesInvolved: 5,
  mediationPublic: '不公开', policeReported: true,
  judicialConfirmation: { appliedOn: '2026-11-12', court: '开鲁县人民法院', result: '审查中', decidedOn: null },
});

describe('the case field registry', () => {
  it('has one entry per patchable field, with its schemas, a catalogue label and personal ⇔ under private', () => {
    expect(Object.keys(caseFieldSchemas).sort()).toEqual([...patchableFields].sort());
    for (const f of patchableFields) {
      expect(hasMessage(spec(f).label), f).toBe(true);
      expect(spec(f).personal, f).toBe(f.startsWith('private.'));
    }
  });

  it('puts every field in the record wire shape and the patch and conflict enums', () => {
    const top = CaseRecordWireSchema.entries as Record<string, unknown>;
    const personal = (CaseRecordWireSchema.entries.private as unknown as v.StrictObjectSchema<v.ObjectEntries, undefined>).entries;
    for (const f of patchableFields) expect(f.startsWith('private.') ? personal[f.slice(8)] : top[f], f).toBeDefined();
    expect(v.safeParse(CaseRecordWireSchema, sample).success).toBe(true);
    for (const f of patchableFields) {
      const m = { mutationId: uuidv7(), clientId: uuidv7(), seq: 1, schemaVersion: 1, caseId: sample.id, baseVersion: 1, deviceTime: 'x', userId: 'u' };
      const value = readField(sample, f) ?? null;
      expect(v.safeParse(MutationWireSchema, { ...m, name: 'case.patch', patch: { [f]: { base: value, next: value } } }).success, f).toBe(true);
      expect(v.safeParse(MutationWireSchema, { ...m, name: 'conflict.resolve', args: { conflictId: uuidv7(), field: f, value } }).success, f).toBe(true);
    }
  });

  it('validates every field on the server with its content schema: the sample passes, a wrong type is refused', () => {
    for (const f of patchableFields) {
      expect(checkField(f, readField(sample, f) ?? null), f).toBeUndefined();
      expect(checkField(f, Symbol('junk')), f).toBeDefined();
    }
    expect(checkNewCase(caseRecord())).toBeUndefined();
    expect(checkNewCase(caseRecord({ isDifficult: 'yes' as unknown as boolean }))).toBe('push.fieldInvalid');
  });

  it('locks every field that feeds a sum, and every sum is fed by exactly one field', () => {
    for (const s of sumNames) {
      const feeding = patchableFields.filter((f) => spec(f).stats.sums?.includes(s));
      expect(feeding, s).toHaveLength(1);
      expect(lockedFields, s).toContain(feeding[0]);
    }
    for (const f of patchableFields) if ((spec(f).stats.sums ?? []).length > 0) expect(lockedFields, f).toContain(f);
  });

  it('carries every sum through the device group, the SQL select, the cells and the report', () => {
    const cells = sumNames.map((s) => statSums[s].cell);
    expect(new Set(cells).size).toBe(cells.length);
    const sums = sumsOf(sample);
    expect(Object.keys(toGroup(toStatCase(sample)).sums).sort()).toEqual([...sumNames].sort());
    expect(sums.amountYuan).toBe(1200);
    expect(sums.difficult).toBe(1);
    expect(sums.petitionCases).toBe(1);
    expect(sums.petitionPersons).toBe(7);
    expect(sums.partiesInvolved).toBe(5);
    for (const s of sumNames) expect(caseColumnNames, s).toContain((statSums[s] as SumSpec).column);
    // The SQL names each sum by its cell column, in sumNames' order.
    const db = new Kysely<unknown>({ dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (k) => new SqliteIntrospector(k), createQueryCompiler: () => new SqliteQueryCompiler() } });
    const compiled: CompiledQuery = groupSums.compile(db);
    const named = [...compiled.sql.matchAll(/as "(\w+)"/g)].map((m) => m[1]);
    expect(named).toEqual(cells);
    // Every per-row sum is a report column, and the case table has one cell per column.
    for (const s of rowSumNames) expect(reportColumns.map((c) => c.key), s).toContain(s);
    expect(caseTable(emptyRollup())[0]).toHaveLength(reportColumns.length + 1);
  });

  it('puts every form field in the 受理 schema, the edit form and its diff, and 重新办理', () => {
    expect(Object.keys(NewCaseSchema.entries).sort()).toEqual([...formFields.map(formKeyOf), 'villageCode', 'committeeName', 'committeeId'].sort());
    expect(Object.keys(emptyFormValues()).sort()).toEqual([...editFields].sort());
    expect(v.safeParse(NewCaseSchema, newCaseInputOf(sample)).success).toBe(true);
    const record = caseRecord({ mediators: ['王建国', '李明'] });
    const draft = draftOf(record);
    for (const f of formFields) {
      const changed = writeField(record, f, readField(sample, f));
      const edited = valuesOf(changed);
      if (JSON.stringify(readField(record, f)) === JSON.stringify(readField(sample, f))) continue;
      expect(differing(draft.start, edited, record), f).toEqual([formKeyOf(f)]);
      expect(readField(applyEdits(record, edited, [formKeyOf(f)]), f), f).toEqual(readField(sample, f));
    }
    const patchOf = (f: PatchableField): Mutation => ({
      mutationId: uuidv7(), clientId: uuidv7(), seq: 1, schemaVersion: 1, caseId: sample.id, baseVersion: 1, deviceTime: 'x', userId: 'u',
      name: 'case.patch', patch: { [f]: { base: null, next: readField(sample, f) ?? null } },
    } as Mutation);
    const target: Record<string, string> = { edit: '/edit', flags: '/flags', confirmation: '/confirmation' };
    for (const f of patchableFields) {
      const href = redoOf(patchOf(f), sample, 'u')?.href ?? '';
      expect(href, f).toBe(`/cases/${sample.id}${target[editedOn(f)] ?? ''}`);
    }
  });

  it('round-trips every form field through its codec', () => {
    for (const f of formFields) {
      const c = codecOf(f);
      const value = readField(sample, f);
      expect(c.fits(value), f).toBe(true);
      expect(c.decode(c.encode(value), value), f).toEqual(value);
    }
    expect(textCodec('x').decode('  院墙外 ', '')).toBe('院墙外');
    expect(namesCodec('x').decode('王建国、李明, 张三；', [])).toEqual(['王建国', '李明', '张三']);
    expect(linesCodec('x').decode('一\n\n 二 ', [])).toEqual(['一', '二']);
  });

  it('holds 民族, 职业 and 住址 on the party card: shown, changed, cleared, and what it does not show kept', () => {
    const party = { id: uuidv7(), role: '申请人' as const, name: '张三', ethnicity: '蒙古族', occupation: '农民', address: '五家村三组', employer: '某合作社' };
    const codec = codecOf('private.parties');
    const draft = (codec.encode([party]) as { ethnicity: string; occupation: string; address: string }[])[0]!;
    expect([draft.ethnicity, draft.occupation, draft.address]).toEqual(['蒙古族', '农民', '五家村三组']);
    const edited = [{ ...draft, ethnicity: ' 汉族 ', occupation: '', address: '五家村四组' }];
    expect(codec.decode(edited, [party])).toEqual([{ id: party.id, role: '申请人', name: '张三', ethnicity: '汉族', address: '五家村四组', employer: '某合作社' }]);
  });

  it('reads a count as people type it: digits, full-width digits, Chinese numerals', () => {
    const typed: [string, number | undefined][] = [
      ['', undefined], [' 12 ', 12], ['４', 4], ['１２', 12], ['七', 7], ['十', 10], ['十二', 12], ['二十', 20], ['二十三', 23],
      ['一百零五', 105], ['一百二十', 120], ['两千零一十', 2010], ['零', 0],
    ];
    for (const [text, n] of typed) expect(parseCount(text), text).toBe(n);
    for (const junk of ['三四', 'abc', '十十', '4人', '-3']) expect(parseCount(junk), junk).toBeNaN();
    const c = countCodec('n');
    expect(c.encode(undefined)).toBe('');
    expect(c.decode(c.encode(7), undefined)).toBe(7);
    expect(c.fits(3)).toBe(true);
    expect(c.fits(-1)).toBe(false);
  });

  it('brings an old draft up to the current fields without marking them changed', () => {
    const record = caseRecord();
    const fresh = draftOf(record);
    const { place: _p, ...oldStart } = fresh.start;
    const { place: _q, ...oldValues } = { ...fresh.values, facts: '改过的情况' };
    const oldParty = { ...fresh.start.parties[0]! } as Partial<(typeof fresh.start.parties)[number]>;
    delete oldParty.birthDate;
    const stored = { start: { ...oldStart, parties: [oldParty as never, ...fresh.start.parties.slice(1)] }, values: oldValues, pickingCategory: false } as never;
    const upgraded = upgradeEditDraft(stored, fresh);
    expect(upgraded.v).toBe(fresh.v);
    expect(upgraded.values.place).toBe(fresh.values.place);
    expect(upgraded.start.parties[0]?.birthDate).toBe('');
    expect(differing(upgraded.start, upgraded.values, record)).toEqual(['facts']);
    expect(upgradeFormValues(undefined, emptyFormValues())).toEqual(emptyFormValues());
  });

  it('clears an optional field once set: the form\'s blank writes a patch whose null takes the key off, on the device and on the server', () => {
    expect([...clearableFields].sort()).toEqual(patchableFields.filter((f) => (caseFields[f] as CaseFieldSpec).clearable === true).sort());
    const record = caseRecord({ mediationPublic: '公开', partiesInvolved: 4 });
    const start = valuesOf(record);
    const values = { ...start, mediationPublic: '' as const, partiesInvolved: '' };
    expect(differing(start, values, record).sort()).toEqual(['mediationPublic', 'partiesInvolved']);
    const edited = applyEdits(record, values, ['mediationPublic', 'partiesInvolved']);
    expect('mediationPublic' in edited || 'partiesInvolved' in edited).toBe(false);
    for (const f of clearableFields) {
      expect(checkField(f, null), f).toBeUndefined();
      expect(f in writeField({ ...record, policeReported: true }, f, null), f).toBe(false);
    }
    expect(v.safeParse(CaseRecordWireSchema, edited).success).toBe(true);
  });
});
