// 申请调解 requests. POST /api/public/requests takes a resident's request without an account: it is
// checked (strict shape, a mobile number, a village that exists, a category), throttled per IP
// and stored once per id, so the phone's resend after a lost answer creates nothing new.
// GET /api/requests, POST /api/requests/:id/accept|refuse are for signed-in staff, scoped to
// their area like cases: another area's request is 403.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Ctx, Env } from '../deps.ts';
import { ApiError, badRequest, issueDetails } from '../http/errors.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertInScope, scopeColumn } from '../auth/principal.ts';
import { hasMessage } from '../../shared/i18n/index.ts';
import { createHash } from 'node:crypto';
import { MediationRequestSchema, REQUESTS_PATH, RequestStatusBodySchema, requestNumber, requestStatusPath, type PublicRequestStatus } from '../../shared/public-api.ts';
import { RefuseBodySchema, requestStatuses, type ReceivedRequest } from '../../shared/requests-api.ts';
import type { MediationRequestsTable } from '../store/schema.ts';
import { WindowLimiter } from './limiter.ts';
import { clientNet } from '../http/client-net.ts';

/** The public form's shape, with nothing else allowed in. */
const PublicRequest = v.strictObject(MediationRequestSchema.entries);

const uuid = v.pipe(v.string(), v.uuid());

/**
 * Submissions per network per hour (an IPv4 address, an IPv6 /64: one subscriber's line): a
 * village's shared phone is fine, a script is not. And for the whole server, so that many
 * addresses together cannot fill the committees' lists either: past it, a clear 429 that says to
 * try again later (the phone keeps the request in its queue and resends it).
 */
export const REQUESTS_PER_HOUR = 10;
export const REQUESTS_PER_HOUR_ALL = 300;
/** Status checks per client IP per hour: a phone asks at most a few times a visit. */
export const STATUS_CHECKS_PER_HOUR = 120;

const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const MAX_LIST = 200;
const pageNumber = (max: number) => v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/), v.transform(Number), v.maxValue(max)));
const ListQuery = v.strictObject({ status: v.optional(v.picklist(requestStatuses)), page: pageNumber(100_000), pageSize: pageNumber(MAX_LIST) });

function toApi(row: MediationRequestsTable & { village_name: string | null }): ReceivedRequest {
  return {
    id: row.id, villageCode: row.village_code, villageName: row.village_name ?? row.village_code, applicantName: row.applicant_name,
    phone: row.phone, otherParty: row.other_party, categoryCode: row.category_code, facts: row.facts, createdAt: row.created_at,
    receivedAt: row.received_at, status: row.status, refuseReason: row.refuse_reason, decidedAt: row.decided_at, number: requestNumber(row.id),
    ...(row.intake_point ? { intakePoint: row.intake_point } : {}),
  };
}

export function publicRequestRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  const limiter = new WindowLimiter(ctx.now, 60 * 60_000, REQUESTS_PER_HOUR);
  const everyone = new WindowLimiter(ctx.now, 60 * 60_000, REQUESTS_PER_HOUR_ALL);
  const statusLimiter = new WindowLimiter(ctx.now, 60 * 60_000, STATUS_CHECKS_PER_HOUR);

  app.post(REQUESTS_PATH.replace(/^\/api/, ''), async (c) => {
    const result = v.safeParse(PublicRequest, await readJson(c));
    if (!result.success) {
      // The form's own messages travel as catalogue keys: answer with the first one in Chinese.
      const key = result.issues.map((i) => i.message).find(hasMessage);
      throw new ApiError(400, key ?? 'server.badRequest', undefined, issueDetails(result.issues));
    }
    const r = result.output;
    // A resend of a request already stored costs nothing and counts against no limit.
    if (await ctx.store.read.selectFrom('mediation_requests').select('id').where('id', '=', r.id).executeTakeFirst()) return c.json({ id: r.id }, 200);
    if (!limiter.canHit(clientNet(ctx.clientIp(c)))) throw new ApiError(429, 'requests.rateLimited');
    if (!everyone.canHit('all')) throw new ApiError(429, 'requests.busy');
    limiter.hit(clientNet(ctx.clientIp(c)));
    everyone.hit('all');
    const village = await ctx.store.read.selectFrom('areas').select('code').where('code', '=', r.villageCode).where('level', '=', 'village').executeTakeFirst();
    if (!village) throw new ApiError(400, 'requests.village.unknown');
    const inserted = await ctx.store.db.insertInto('mediation_requests').values({
      id: r.id, village_code: r.villageCode, town_code: r.villageCode.slice(0, 9), county_code: r.villageCode.slice(0, 6),
      applicant_name: r.applicantName, phone: r.phone, other_party: r.otherParty, category_code: r.categoryCode, facts: r.facts,
      status: 'new', refuse_reason: null, created_at: r.createdAt, received_at: ctx.now().toISOString(), decided_at: null, decided_by: null,
      secret_hash: r.secret === undefined ? null : hashSecret(r.secret), intake_point: r.intakePoint ? r.intakePoint : null,
    }).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
    // Two copies racing: the loser inserted nothing and is the same request.
    return c.json({ id: r.id }, Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? 201 : 200);
  });

  // The sending phone asks how its request was answered. The row is found by id AND the secret's
  // hash, so a wrong secret and an unknown id are the same 404: nothing tells a guesser which.
  app.post(requestStatusPath(':id').replace(/^\/api/, ''), async (c) => {
    if (!statusLimiter.hit(ctx.clientIp(c))) throw new ApiError(429, 'requests.status.rateLimited');
    const id = c.req.param('id');
    const body = v.safeParse(RequestStatusBodySchema, await readJson(c));
    if (!v.is(uuid, id) || !body.success) throw new ApiError(404, 'requests.status.notFound');
    const row = await ctx.store.read.selectFrom('mediation_requests').select(['id', 'status', 'decided_at', 'refuse_reason'])
      .where('id', '=', id).where('secret_hash', '=', hashSecret(body.output.secret)).executeTakeFirst();
    if (!row) throw new ApiError(404, 'requests.status.notFound');
    const answer: PublicRequestStatus = { id: row.id, number: requestNumber(row.id), status: row.status, decidedAt: row.decided_at, refuseReason: row.refuse_reason };
    return c.json(answer);
  });
  return app;
}

export function requestRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();

  const select = () =>
    ctx.store.read.selectFrom('mediation_requests as r').leftJoin('areas as a', 'a.code', 'r.village_code').selectAll('r').select('a.name as village_name');

  async function load(id: string) {
    if (!v.is(uuid, id)) throw badRequest(['id: not a UUID']);
    const row = await select().where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new ApiError(404, 'requests.notFound');
    return row;
  }

  app.get('/requests', async (c) => {
    const q = parseWith(ListQuery, c.req.query());
    const scope = c.var.principal.scope;
    const column = scopeColumn(scope);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? MAX_LIST;
    let rows = select();
    let count = ctx.store.read.selectFrom('mediation_requests as r').select((eb) => eb.fn.countAll<number>().as('n'));
    if (column) {
      rows = rows.where(`r.${column}`, '=', scope);
      count = count.where(`r.${column}`, '=', scope);
    }
    if (q.status) {
      rows = rows.where('r.status', '=', q.status);
      count = count.where('r.status', '=', q.status);
    }
    const [list, total] = await Promise.all([
      rows.orderBy('r.received_at', 'desc').orderBy('r.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
      count.executeTakeFirstOrThrow(),
    ]);
    return c.json({ requests: list.map(toApi), total: Number(total.n), page, pageSize });
  });

  app.post('/requests/:id/accept', async (c) => {
    const row = await load(c.req.param('id'));
    assertInScope(c.var.principal, row.village_code);
    if (row.status === 'refused') throw new ApiError(409, 'requests.alreadyDecided');
    if (row.status === 'new') {
      await ctx.store.db.updateTable('mediation_requests').set({ status: 'accepted', decided_at: ctx.now().toISOString(), decided_by: c.var.principal.userId })
        .where('id', '=', row.id).where('status', '=', 'new').execute();
    }
    return c.json({ request: toApi(await load(row.id)) });
  });

  app.post('/requests/:id/refuse', async (c) => {
    const row = await load(c.req.param('id'));
    assertInScope(c.var.principal, row.village_code);
    const body = v.safeParse(RefuseBodySchema, await readJson(c));
    if (!body.success) throw new ApiError(400, 'requests.refuse.reasonRequired', undefined, issueDetails(body.issues));
    if (row.status === 'accepted') throw new ApiError(409, 'requests.alreadyDecided');
    if (row.status === 'new') {
      await ctx.store.db.updateTable('mediation_requests')
        .set({ status: 'refused', refuse_reason: body.output.reason, decided_at: ctx.now().toISOString(), decided_by: c.var.principal.userId })
        .where('id', '=', row.id).where('status', '=', 'new').execute();
    }
    return c.json({ request: toApi(await load(row.id)) });
  });
  return app;
}
