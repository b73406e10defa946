// POST /api/import/ledger[?check=1] — a paper ledger typed into CSV or XLSX (town and county
// staff, admin). Every row is checked first; one bad row refuses the whole file with a
// row-by-row report in Chinese (422, error.details = [{row, field, message}]). `check=1` only
// checks. A good file is imported in one transaction (apply-import.ts) and answered with what
// was imported, what was already there, and the file's own 调解成功率.
import { Hono } from 'hono';
import { firstDirtyCell } from '../http/text-check.ts';
import * as v from 'valibot';
import { localDate } from '../../shared/dates.ts';
import { t } from '../../shared/i18n/index.ts';
import { checkLedger, type LedgerCase } from '../../shared/ledger.ts';
import { formatRate, rollup } from '../../shared/stats.ts';
import { noSums } from '../../shared/fields/stat-sums.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith } from '../http/body.ts';
import { requireRole } from '../auth/middleware.ts';
import { readLedger } from './read-ledger.ts';
import { applyImport, fileHashOf } from './apply-import.ts';

const ImportQuery = v.strictObject({ check: v.optional(v.picklist(['1'])) });
const MAX_ERRORS = 500;

/** The file's own figures, by the shared roll-up (what the ledger says, imported or not). */
function fileSummary(cases: readonly LedgerCase[]) {
  const r = rollup(cases.map((c) => ({
    categoryCode: c.categoryCode, acceptedOn: c.acceptedOn, status: c.result === '成功' ? 'agreed' as const : c.result === '不成' ? 'terminated' as const : 'accepted' as const,
    outcome: c.result === '成功' ? 'success' as const : c.result === '不成' ? 'failure' as const : null, source: c.source,
    voided: false, agreementForm: c.form, performance: c.performance, confirmation: c.confirmation, sums: { ...noSums(), amountYuan: c.amountYuan },
  })));
  return {
    accepted: r.accepted, succeeded: r.succeeded, failed: r.failed, open: r.open, successRate: r.successRate, successRateText: formatRate(r.successRate),
    amountYuan: r.amountYuan, performed: r.performed, confirmed: r.confirmed,
  };
}

export function importRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/import/ledger', requireRole('town', 'county', 'admin'), async (c) => {
    const q = parseWith(ImportQuery, c.req.query());
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new ApiError(400, 'ledger.empty');
    let rows: string[][];
    try {
      rows = await readLedger(bytes);
    } catch {
      throw new ApiError(400, 'ledger.unreadable');
    }
    const dirty = firstDirtyCell(rows);
    if (dirty !== undefined) throw new ApiError(400, 'server.badText', undefined, [`${dirty}: refused character`]);
    const scope = c.var.principal.scope;
    const today = localDate(ctx.now());
    const db = ctx.store.read;
    const villages = await db.selectFrom('areas').select(['code', 'name']).where('level', '=', 'village').where('code', 'like', `${scope}%`)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)])).execute();
    const towns = await db.selectFrom('areas').select(['code', 'name']).where('level', '=', 'town').where('code', 'like', `${scope.slice(0, 9)}%`).execute();
    const locks = await db.selectFrom('stat_signoffs').select(['area_code', 'month']).where('area_code', 'like', `${scope.slice(0, 6)}%`).execute();
    const locked = new Set(locks.map((l) => `${l.area_code}|${l.month}`));
    const checked = checkLedger(rows, {
      villages, towns, today, isLocked: (village, acceptedOn) => locked.has(`${village.slice(0, 9)}|${acceptedOn.slice(0, 7)}`),
    });
    if (!checked.ok) {
      const details = checked.errors.slice(0, MAX_ERRORS).map((e) => ({ row: e.row, ...(e.ledgerNo ? { ledgerNo: e.ledgerNo } : {}), field: e.field, message: t(e.code, e.params) }));
      throw new ApiError(422, 'ledger.invalid', { n: checked.errors.length, rows: new Set(checked.errors.map((e) => e.row)).size }, details);
    }
    const summary = fileSummary(checked.cases);
    if (q.check) return c.json({ checked: true, rows: checked.cases.length, summary });
    const outcome = await applyImport(ctx, c.var.principal, checked.cases, fileHashOf(bytes));
    return c.json({
      checked: true, rows: checked.cases.length, imported: outcome.imported.length, updated: outcome.updated.length, unchanged: outcome.unchanged.length,
      skipped: outcome.unchanged.length, skippedRows: outcome.unchanged.map((s) => s.row), updatedRows: outcome.updated.map((s) => s.row),
      message: t('ledger.outcome', { imported: outcome.imported.length, updated: outcome.updated.length, unchanged: outcome.unchanged.length }), summary,
    });
  });
  return app;
}
