// The audit log (PIPL, 等保 2.0): every view or export of personal data — a case opened or listed,
// a document printed, a report exported, a photo fetched — with who, when, from where and what
// (ids only, never the content). Kept at least AUDIT_MIN_KEEP_DAYS; county staff read their
// county's rows, the administrator all (audit-routes.ts).
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { AUDIT_MIN_KEEP_DAYS, type AuditAction } from '../../shared/audit-api.ts';
import type { Ctx, Env } from '../deps.ts';
import type { DB } from '../store/schema.ts';

export interface AuditFact {
  action: AuditAction;
  target: string;
  /** The area the data belongs to (a case's village, a report's area). */
  areaCode: string;
  detail?: string;
}

export async function recordAudit(ctx: Ctx, c: Context<Env>, fact: AuditFact): Promise<void> {
  const p = c.var.principal;
  await ctx.store.db.insertInto('audit_log').values({
    id: uuidv7(), at: ctx.now().toISOString(), user_id: p.userId, username: p.username, role: p.role,
    action: fact.action, target: fact.target, detail: fact.detail ?? null, area_code: fact.areaCode, ip: ctx.clientIp(c),
  }).execute();
}

/** Drops rows older than `keepDays` (never fewer than AUDIT_MIN_KEEP_DAYS). Returns how many went. */
export async function purgeAudit(db: Kysely<DB>, now: Date, keepDays: number): Promise<number> {
  const days = Math.max(AUDIT_MIN_KEEP_DAYS, keepDays);
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const result = await db.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
