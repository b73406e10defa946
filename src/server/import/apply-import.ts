// Imports checked ledger rows through the same apply path as a phone's push (sync/apply.ts,
// sync/finalize.ts) under a server "import" client of the importing user, in ONE write
// transaction: the cases get numbers, events and change_log rows (so every device of the area
// pulls them), and any refusal rolls the whole file back. Rows whose case already exists (the
// same file, or an overlapping one, imported before) are skipped, so nothing is counted twice.
import { createHash } from 'node:crypto';
import type { LedgerCase } from '../../shared/ledger.ts';
import { t } from '../../shared/i18n/index.ts';
import type { Principal } from '../auth/principal.ts';
import type { Ctx } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { Batch } from '../sync/batch.ts';
import { ensureClient } from '../sync/clients.ts';
import { applyOne, rejectionMessage } from '../sync/apply.ts';
import { finalize } from '../sync/finalize.ts';
import { committeeName } from '../seed/areas.ts';
import { hashedUuid, ledgerCaseId, ledgerMutations } from './ledger-mutations.ts';

export interface ImportOutcome {
  imported: LedgerCase[];
  skipped: LedgerCase[];
}

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
    const skipped = cases.filter((c, i) => existing.has(ids[i] ?? ''));
    if (fresh.length === 0) return { imported: [], skipped };

    const villages = await tx.selectFrom('areas').select(['code', 'name']).where('code', 'in', [...new Set(fresh.map((c) => c.villageCode))]).execute();
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
    return { imported: fresh, skipped };
  });
}
