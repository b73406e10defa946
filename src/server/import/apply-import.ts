// Imports checked ledger rows through the same apply path as a phone's push (sync/apply.ts,
// sync/finalize.ts) under a server "import" client of the importing user, in ONE write
// transaction: the cases get numbers, events and change_log rows (so every device of the area
// pulls them), and any refusal rolls the whole file back. A row whose case already exists (the
// same 序号 in the same county and year, or the same row without one) is never counted twice: when
// it says what it said before it is 未变; when it was corrected, the case is patched to match and
// a note in its history says which row changed what and who imported it (更新).
import { createHash } from 'node:crypto';
import type { LedgerCase } from '../../shared/ledger.ts';
import type { CaseRecord, PatchableField } from '../../shared/case.ts';
import { readField } from '../../shared/case.ts';
import { sameValue } from '../../shared/equal.ts';
import { fieldLabelKey } from '../../shared/fields/case-fields.ts';
import { SCHEMA_VERSION, type FieldPatch, type Mutation } from '../../shared/mutations.ts';
import { t } from '../../shared/i18n/index.ts';
import type { Principal } from '../auth/principal.ts';
import type { Ctx } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { Batch } from '../sync/batch.ts';
import { ensureClient } from '../sync/clients.ts';
import { applyOne, rejectionMessage } from '../sync/apply.ts';
import { finalize } from '../sync/finalize.ts';
import { committeeName } from '../seed/areas.ts';
import { hashedUuid, ledgerBodies, ledgerCaseId, ledgerMutations, type ImportTarget } from './ledger-mutations.ts';

export interface ImportOutcome {
  imported: LedgerCase[];
  updated: LedgerCase[];
  unchanged: LedgerCase[];
}

/** What a row says, independent of its place in the file, the file's encoding or format. */
export function rowFingerprint(c: LedgerCase): string {
  const { row: _row, ...content } = c;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** Fields a corrected row may change on its case (the result itself is a new case's story). */
const correctable: readonly PatchableField[] = ['categoryCode', 'source', 'acceptedOn', 'mediators', 'villageCode', 'agreement', 'private.parties', 'private.facts'];

/** The patch that makes `current` say what the corrected row says; empty when nothing differs. */
function correction(current: CaseRecord, c: LedgerCase, target: ImportTarget): FieldPatch {
  const { bodies } = ledgerBodies(c, target);
  const first = bodies[0];
  if (first?.name !== 'case.create') return {};
  let wanted = first.args.record;
  const agreed = bodies.find((b) => b.name === 'case.transition' && b.args.to === 'agreed');
  if (agreed?.name === 'case.transition' && current.agreement && agreed.args.agreement) {
    const a = agreed.args.agreement;
    wanted = { ...wanted, agreement: { ...current.agreement, form: a.form, amountYuan: a.amountYuan, effectiveOn: a.effectiveOn, performanceDeadline: a.performanceDeadline } };
  } else wanted = { ...wanted, agreement: current.agreement };
  const patch: FieldPatch = {};
  for (const field of correctable) {
    const base = readField(current, field);
    const next = readField(wanted, field);
    if (!sameValue(base, next)) patch[field] = { base, next };
  }
  return patch;
}

const resultOf = (r: CaseRecord) => (r.outcome === 'success' ? '成功' : r.outcome === 'failure' ? '不成' : '未结');

/** One import client per user and file content: a retried upload of the same file is the same client. */
export function importClientId(userId: string, fileHash: string): string {
  return hashedUuid(`import|${userId}|${fileHash}`, Date.parse('2020-01-01T00:00:00Z'));
}

export const fileHashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function applyImport(ctx: Ctx, principal: Principal, cases: readonly LedgerCase[], fileHash: string): Promise<ImportOutcome> {
  const { store } = ctx;
  const clientId = importClientId(principal.userId, fileHash);
  return store.write(async (tx) => {
    const now = ctx.now().toISOString();
    const lock = store.kind === 'postgres';
    const client = await ensureClient(tx, clientId, principal, 'ledger-import', now, lock);
    if (client.revoked) throw new ApiError(403, 'device.revoked');

    const ids = cases.map(ledgerCaseId);
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += 300) {
      const rows = await tx.selectFrom('cases').select('id').where('id', 'in', ids.slice(i, i + 300)).execute();
      for (const r of rows) existing.add(r.id);
    }
    const fresh = cases.filter((c, i) => !existing.has(ids[i] ?? ''));
    const known = cases.filter((c, i) => existing.has(ids[i] ?? ''));
    const prints = new Map<string, string>();
    for (let i = 0; i < known.length; i += 300) {
      const rows = await tx.selectFrom('ledger_rows').select(['case_id', 'fingerprint']).where('case_id', 'in', known.slice(i, i + 300).map(ledgerCaseId)).execute();
      for (const r of rows) prints.set(r.case_id, r.fingerprint);
    }
    // A case imported before fingerprints were kept counts as 未变, and is remembered from now on.
    const changed = known.filter((c) => (prints.get(ledgerCaseId(c)) ?? rowFingerprint(c)) !== rowFingerprint(c));
    const unchanged = known.filter((c) => !changed.includes(c));
    const remember = async (list: readonly LedgerCase[]) => {
      for (const c of list) {
        const values = { case_id: ledgerCaseId(c), fingerprint: rowFingerprint(c), imported_by: principal.username, imported_at: now };
        await tx.insertInto('ledger_rows').values(values).onConflict((oc) => oc.column('case_id').doUpdateSet({ fingerprint: values.fingerprint, imported_by: values.imported_by, imported_at: now })).execute();
      }
    };
    await remember(unchanged.filter((c) => !prints.has(ledgerCaseId(c))));
    if (fresh.length === 0 && changed.length === 0) return { imported: [], updated: [], unchanged };

    const villages = await tx.selectFrom('areas').select(['code', 'name']).where('code', 'in', [...new Set([...fresh, ...changed].map((c) => c.villageCode))]).execute();
    const committees = await tx.selectFrom('committees').select(['area_code', 'name']).where('area_code', 'in', villages.map((v) => v.code)).execute();
    const villageNames = new Map(villages.map((v) => [v.code, v.name]));
    const committeeNames = new Map(committees.map((c) => [c.area_code ?? '', c.name]));
    const target = {
      now,
      author: principal.userId,
      villageName: (code: string) => villageNames.get(code) ?? code,
      committeeName: (code: string) => committeeNames.get(code) ?? committeeName({ name: villageNames.get(code) ?? code }),
    };

    let seq = client.lastSeq;
    const planned = fresh.map((c) => {
      const mutations = ledgerMutations(c, target, clientId, principal.userId, seq + 1);
      seq += mutations.length;
      return { c, mutations };
    });
    const currents = new Map<string, CaseRecord>();
    for (let i = 0; i < changed.length; i += 300) {
      const rows = await tx.selectFrom('cases').select(['id', 'data']).where('id', 'in', changed.slice(i, i + 300).map(ledgerCaseId)).execute();
      for (const r of rows) currents.set(r.id, JSON.parse(r.data) as CaseRecord);
    }
    for (const c of changed) {
      const caseId = ledgerCaseId(c);
      const current = currents.get(caseId);
      if (!current) continue;
      const where = { row: c.row, no: c.ledgerNo };
      if (resultOf(current) !== c.result) {
        throw new ApiError(422, 'ledger.resultChanged', { ...where, before: resultOf(current), after: c.result }, [{ row: c.row, ledgerNo: c.ledgerNo, field: '', message: t('ledger.resultChanged', { ...where, before: resultOf(current), after: c.result }) }]);
      }
      const patch = correction(current, c, target);
      const fields = (Object.keys(patch) as PatchableField[]).map((f) => t(fieldLabelKey(f))).join('、');
      const print = rowFingerprint(c);
      const at = new Date(now).getTime();
      const note = {
        id: hashedUuid(`ledger-update|${c.key}|${print}`, at), caseId, villageCode: c.villageCode, townCode: c.villageCode.slice(0, 9), countyCode: c.villageCode.slice(0, 6),
        at: now, author: principal.userId, kind: 'note' as const,
        data: { text: t('ledger.updatedNote', { ...where, fields: fields || t('ledger.updatedNothing'), by: principal.displayName || principal.username }) },
      };
      const bodies = [
        ...(fields ? [{ name: 'case.patch' as const, patch }] : []),
        { name: 'event.append' as const, args: { event: note } },
      ];
      const mutations = bodies.map((body, i) => ({
        ...body, mutationId: hashedUuid(`mutation|update|${c.key}|${print}|${i}`, at), clientId, seq: seq + 1 + i, schemaVersion: SCHEMA_VERSION,
        caseId, baseVersion: current.version, deviceTime: now, userId: principal.userId,
      }) as Mutation);
      seq += mutations.length;
      planned.push({ c, mutations });
    }
    const b = new Batch(tx, lock, principal, now);
    await b.prefetch(planned.flatMap((p) => p.mutations));
    for (const { c, mutations } of planned) {
      for (const m of mutations) {
        const log = { client_id: clientId, seq: m.seq, user_id: principal.userId, name: m.name, case_id: m.caseId, payload: JSON.stringify(m) };
        if (!b.claimMutationId(m.mutationId)) {
          b.logs.push({ ...log, mutation_id: null, result: 'duplicate', reason: null, message: null });
          continue;
        }
        const outcome = await applyOne(b, m);
        b.touched.add(m.caseId);
        if (outcome.status === 'rejected') {
          // Checked rows should always apply; if one does not, import nothing and say which.
          throw new ApiError(422, 'ledger.rowRefused', { row: c.row, reason: rejectionMessage(outcome) }, [{ row: c.row, field: '', message: t(outcome.code, outcome.params) }]);
        }
        b.logs.push({ ...log, ...b.processedIds(m.mutationId), result: 'applied', reason: null, message: null });
      }
    }
    await finalize(b, clientId, seq, ctx.hooks);
    await remember([...fresh, ...changed]);
    return { imported: fresh, updated: changed, unchanged };
  });
}
