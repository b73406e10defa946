// 表号: the official statistics form's number, which each province sets for itself (issue #15).
// A county's 司法局 records it on the desk; report.xlsx and its CSV twins print it in the footer;
// the federation file carries the county's number upward (federation_imports.form_no), and a
// province server prints its own number (set for the 2-digit province code) on its own report.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Kysely, Migration } from 'kysely';
import type { Ctx, Env } from '../deps.ts';
import type { DB } from '../store/schema.ts';
import { parseWith, readJson } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { assertInScope } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';

/** 0251_form_numbers: one 表号 per county (6 digits) or province (2 digits); and the one an import carried. */
export const formNumbersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('form_numbers')
      .addColumn('area_code', 'text', (c) => c.primaryKey())
      .addColumn('form_no', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('federation_imports').addColumn('form_no', 'text').execute();
  },
};

export interface FormNumbersTable {
  area_code: string;
  form_no: string;
  updated_at: string;
  updated_by: string;
}

/** Where an area's 表号 is set: its county (a town's or village's too), or the province itself. */
export const formNumberArea = (area: string): string => (area.length >= 6 ? area.slice(0, 6) : area.slice(0, 2));

/** The 表号 the report of `area` prints; '' when its county (or province) has not set one. */
export async function formNumberOf(db: Kysely<DB>, area: string): Promise<string> {
  const row = await db.selectFrom('form_numbers').select('form_no').where('area_code', '=', formNumberArea(area)).executeTakeFirst();
  return row?.form_no ?? '';
}

const Body = v.strictObject({
  area: v.pipe(v.string(), v.regex(/^(\d{2}|\d{6})$/)),
  /** As the province prints it, e.g. 司调统1表; empty clears it. */
  formNo: v.pipe(v.string(), v.trim(), v.maxLength(40)),
});
const Query = v.strictObject({ area: v.pipe(v.string(), v.regex(/^\d{2,12}$/)) });

export function formNumberRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/stats/form-number', async (c) => {
    const q = parseWith(Query, c.req.query());
    assertInScope(c.var.principal, q.area);
    const at = formNumberArea(q.area);
    const row = await ctx.store.read.selectFrom('form_numbers').selectAll().where('area_code', '=', at).executeTakeFirst();
    return c.json({ area: at, formNo: row?.form_no ?? '', updatedAt: row?.updated_at ?? null, updatedBy: row?.updated_by ?? null });
  });
  // The county's 司法局 sets its county's number; a province server's admin sets the province's.
  app.put('/stats/form-number', requireRole('county', 'admin'), async (c) => {
    const body = parseWith(Body, await readJson(c));
    assertInScope(c.var.principal, body.area);
    if (c.var.principal.role === 'county' && body.area.length !== 6) throw new ApiError(403, 'report.formNo.countyOnly');
    const at = ctx.now().toISOString();
    const by = c.var.principal.username;
    await ctx.store.write(async (tx) => {
      await tx.deleteFrom('form_numbers').where('area_code', '=', body.area).execute();
      if (body.formNo !== '') await tx.insertInto('form_numbers').values({ area_code: body.area, form_no: body.formNo, updated_at: at, updated_by: by }).execute();
    });
    return c.json({ ok: true });
  });
  return app;
}
