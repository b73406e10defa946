// POST /api/registry/areas/import?county=&validFrom=[&dryRun=1] with a CSV body (see
// shared/divisions.ts): county staff for their own county, admin for any. With dryRun=1 the
// import runs in full inside a transaction that is then rolled back, so the preview is exactly
// what the import would do now. GET /api/registry/areas/changes?area=: the code history (added,
// renamed, re-coded, retired).
import { Hono } from 'hono';
import { isCleanText } from '../http/text-check.ts';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { isIsoDate } from '../../shared/dates.ts';
import { parseDivisions, type AreaChangeRecord, type AreaImportResult } from '../../shared/divisions.ts';
import { t } from '../../shared/i18n/index.ts';
import type { Ctx, Env } from '../deps.ts';
import type { DB } from '../store/schema.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith } from '../http/body.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { importDivisions } from './area-import.ts';

const ImportQuery = v.strictObject({
  county: v.pipe(v.string(), v.regex(/^\d{6}$/)),
  validFrom: v.pipe(v.string(), v.check(isIsoDate)),
  dryRun: v.optional(v.picklist(['1', '0'])),
  /** The preview listed towns or villages the file leaves out; the user confirmed they end. */
  retire: v.optional(v.picklist(['1', '0'])),
});
const ChangesQuery = v.strictObject({ area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})?$/))) });

/** Thrown out of the write transaction to roll it back with the result in hand. */
class Preview {
  constructor(readonly result: AreaImportResult) {}
}

export function importAreasRoute(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.post('/registry/areas/import', requireRole('county', 'admin'), async (c) => {
    const q = parseWith(ImportQuery, c.req.query());
    assertInScope(c.var.principal, q.county);
    const text = await c.req.text();
    if (!isCleanText(text)) throw new ApiError(400, 'server.badText');
    const { areas, problems } = parseDivisions(text, q.county);
    if (problems.length > 0) {
      const details = problems.slice(0, 200).map((p) => ({ line: p.line, message: t(p.code, p.params) }));
      throw new ApiError(400, 'divisions.invalid', { n: problems.length }, details);
    }
    const now = ctx.now().toISOString();
    const run = (tx: Kysely<DB>) => importDivisions(tx, q.county, areas, q.validFrom, c.var.principal.username, now);
    if (q.dryRun !== '1') {
      // A file of one town would end every other town of the county: only when confirmed.
      return c.json(await ctx.store.write(async (tx) => {
        const result = await run(tx);
        if (result.retired > 0 && q.retire !== '1') throw new ApiError(409, 'divisions.retireUnconfirmed', { n: result.retired });
        return result;
      }));
    }
    try {
      await ctx.store.write(async (tx) => {
        throw new Preview(await run(tx));
      });
    } catch (error) {
      if (error instanceof Preview) return c.json({ ...error.result, dryRun: true } satisfies AreaImportResult);
      throw error;
    }
    throw new Error('unreachable: a dry run always ends in its Preview');
  });

  app.get('/registry/areas/changes', async (c) => {
    const { area: asked } = parseWith(ChangesQuery, c.req.query());
    const area = asked ?? c.var.principal.scope;
    assertInScope(c.var.principal, area);
    const rows = await ctx.store.read.selectFrom('area_changes').selectAll()
      .where((eb) => eb.or([eb('old_code', 'like', `${area}%`), eb('new_code', 'like', `${area}%`)]))
      .orderBy('changed_on', 'desc').orderBy('created_at', 'desc').orderBy('old_code').limit(1000).execute();
    const changes: AreaChangeRecord[] = rows.map((r) => ({ oldCode: r.old_code, newCode: r.new_code, kind: r.kind, changedOn: r.changed_on, note: r.note, by: r.created_by }));
    return c.json({ changes });
  });
  return app;
}
