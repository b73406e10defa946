// /api/registry: the network registry of an area. Everyone signed in reads inside their scope;
// town staff edit their town, county staff their county, admin everything. Nothing is deleted:
// a committee is dissolved, a person leaves (dissolvedOn / leftOn), so past figures still add up.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { uuidv7 } from 'uuidv7';
import { localDate } from '../../shared/dates.ts';
import {
  CommitteeInputSchema, FundingInputSchema, LegalPersonInputSchema, MediatorInputSchema, TrainingInputSchema, committeeWarnings,
  type CommitteeInput,
} from '../../shared/network.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { parseWith, readJson } from '../http/body.ts';
import { assertInScope, canSee } from '../auth/principal.ts';
import { requireRole } from '../auth/middleware.ts';
import { areaCoverage, orgTable } from './org.ts';
import { committeeLocation, committeesIn, fundingOf, legalPersonsIn, mediatorsOf } from './records.ts';
import { importAreasRoute } from './area-import-route.ts';
import { committeeColumns, parseCommitteeSave, saveCommittee } from './committee-save.ts';

const AreaQuery = v.strictObject({ area: v.optional(v.pipe(v.string(), v.regex(/^(\d{6}|\d{9}|\d{12})?$/))) });
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const editors = requireRole('town', 'county', 'admin');

export function registryRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  const db = () => ctx.store.read;
  const stamp = (c: Context<Env>) => ({ updated_at: ctx.now().toISOString(), updated_by: c.var.principal.username });

  app.get('/registry', async (c) => {
    const { area: asked } = parseWith(AreaQuery, c.req.query());
    const area = asked ?? c.var.principal.scope;
    assertInScope(c.var.principal, area);
    const today = localDate(ctx.now());
    const committees = await committeesIn(db(), area);
    const mediators = await mediatorsOf(db(), committees.map((x) => x.id));
    const funding = await fundingOf(db(), committees.map((x) => x.id));
    return c.json({
      area,
      committees: committees.map((committee) => {
        const own = mediators.filter((m) => m.committeeId === committee.id);
        return { ...committee, mediators: own, warnings: committee.dissolvedOn ? [] : committeeWarnings(own, today), funding: funding.get(committee.id) ?? [] };
      }),
      legalPersons: await legalPersonsIn(db(), area),
      coverage: await areaCoverage(db(), area, today),
      org: await orgTable(db(), area, today),
    });
  });

  const checkLocation = async (c: Context<Env>, input: CommitteeInput) => {
    assertInScope(c.var.principal, input.location);
    const area = await db().selectFrom('areas').select('level').where('code', '=', input.location).executeTakeFirst();
    if (!area) throw new ApiError(400, 'network.area.unknown');
    if ((input.type === '村/居' && area.level !== 'village') || (input.type === '乡镇/街道' && area.level !== 'town')) {
      throw new ApiError(400, 'network.type.level');
    }
  };

  app.post('/registry/committees', editors, async (c) => {
    const input = parseWith(CommitteeInputSchema, await readJson(c));
    await checkLocation(c, input);
    const newId = uuidv7();
    await ctx.store.write(async (tx) => {
      if (input.type === '村/居' || input.type === '乡镇/街道') {
        const taken = await tx.selectFrom('committees').select('id').where('area_code', '=', input.location).executeTakeFirst();
        if (taken) throw new ApiError(409, 'network.committeeExists');
      }
      await tx.insertInto('committees').values({ id: newId, ...committeeColumns(input), ...stamp(c) }).execute();
    });
    return c.json({ id: newId }, 201);
  });

  // 经费 and 补贴 of one year (组织队伍): one row per committee and year, replaced on save.
  app.put('/registry/committees/:id/funding', editors, async (c) => {
    const committeeId = parseWith(id, c.req.param('id'));
    const input = parseWith(FundingInputSchema, await readJson(c));
    const location = await committeeLocation(db(), committeeId);
    if (location === undefined) throw new ApiError(404, 'network.notFound');
    assertInScope(c.var.principal, location);
    await ctx.store.write(async (tx) => {
      await tx.deleteFrom('committee_funding').where('committee_id', '=', committeeId).where('year', '=', input.year).execute();
      await tx.insertInto('committee_funding').values({ committee_id: committeeId, year: input.year, funding_cents: input.fundingCents, subsidy_cents: input.subsidyCents, ...stamp(c) }).execute();
    });
    return c.json({ ok: true });
  });

  // The committee and its member rows in one request and one transaction (committee-save.ts).
  app.put('/registry/committees/:id', editors, async (c) => {
    const committeeId = parseWith(id, c.req.param('id'));
    const save = parseCommitteeSave(await readJson(c));
    const current = await committeeLocation(db(), committeeId);
    if (current === undefined) throw new ApiError(404, 'network.notFound');
    assertInScope(c.var.principal, current);
    await checkLocation(c, save.committee);
    const memberIds = await ctx.store.write((tx) => saveCommittee(tx, committeeId, save, stamp(c)));
    return c.json({ ok: true, memberIds });
  });

  const mediatorColumns = (input: v.InferOutput<typeof MediatorInputSchema>) => ({
    committee_id: input.committeeId, name: input.name, gender: input.gender, ethnicity: input.ethnicity, phone: input.phone,
    phone_public: input.isPhonePublic ? 1 : 0, member_role: input.memberRole, full_time: input.isFullTime ? 1 : 0,
    term_start: input.termStart, term_end: input.termEnd, left_on: input.leftOn,
    ...(input.education !== undefined ? { education: input.education } : {}),
    ...(input.accountId !== undefined ? { account_id: input.accountId } : {}),
  });
  // A linked account must be a mediator's, within the committee's area and the editor's scope.
  const checkAccount = async (c: Context<Env>, accountId: string | null | undefined, committeeId: string) => {
    if (accountId === undefined || accountId === null) return;
    const user = await db().selectFrom('users').select(['role', 'scope_code']).where('id', '=', accountId).executeTakeFirst();
    const location = await committeeLocation(db(), committeeId);
    if (!user || user.role !== 'mediator' || location === undefined || !canSee(c.var.principal, user.scope_code)) throw new ApiError(400, 'network.mediator.account');
  };
  const checkCommittee = async (c: Context<Env>, committeeId: string) => {
    const location = await committeeLocation(db(), committeeId);
    if (location === undefined) throw new ApiError(404, 'network.notFound');
    assertInScope(c.var.principal, location);
  };

  app.post('/registry/mediators', editors, async (c) => {
    const input = parseWith(MediatorInputSchema, await readJson(c));
    await checkCommittee(c, input.committeeId);
    await checkAccount(c, input.accountId, input.committeeId);
    const newId = uuidv7();
    await ctx.store.write((tx) => tx.insertInto('mediators').values({ id: newId, ...mediatorColumns(input), ...stamp(c) }).execute());
    return c.json({ id: newId }, 201);
  });

  const mediatorCommittee = async (mediatorId: string) => {
    const row = await db().selectFrom('mediators').select('committee_id').where('id', '=', mediatorId).executeTakeFirst();
    if (!row) throw new ApiError(404, 'network.notFound');
    return row.committee_id;
  };

  app.put('/registry/mediators/:id', editors, async (c) => {
    const mediatorId = parseWith(id, c.req.param('id'));
    const input = parseWith(MediatorInputSchema, await readJson(c));
    await checkCommittee(c, await mediatorCommittee(mediatorId));
    await checkCommittee(c, input.committeeId);
    await checkAccount(c, input.accountId, input.committeeId);
    await ctx.store.write((tx) => tx.updateTable('mediators').set({ ...mediatorColumns(input), ...stamp(c) }).where('id', '=', mediatorId).execute());
    return c.json({ ok: true });
  });

  app.post('/registry/mediators/:id/trainings', editors, async (c) => {
    const mediatorId = parseWith(id, c.req.param('id'));
    const input = parseWith(TrainingInputSchema, await readJson(c));
    await checkCommittee(c, await mediatorCommittee(mediatorId));
    const newId = uuidv7();
    await ctx.store.write((tx) => tx.insertInto('mediator_trainings').values({ id: newId, mediator_id: mediatorId, on_date: input.on, title: input.title, hours: input.hours }).execute());
    return c.json({ id: newId }, 201);
  });

  const legalColumns = (input: v.InferOutput<typeof LegalPersonInputSchema>) => ({
    kind: input.kind, village_code: input.villageCode, name: input.name, phone: input.phone, phone_public: input.isPhonePublic ? 1 : 0,
    certified_on: input.certifiedOn, left_on: input.leftOn,
  });
  const checkVillage = async (c: Context<Env>, villageCode: string) => {
    assertInScope(c.var.principal, villageCode);
    const row = await db().selectFrom('areas').select('code').where('code', '=', villageCode).where('level', '=', 'village').executeTakeFirst();
    if (!row) throw new ApiError(400, 'network.area.unknown');
  };

  app.post('/registry/legal-persons', editors, async (c) => {
    const input = parseWith(LegalPersonInputSchema, await readJson(c));
    await checkVillage(c, input.villageCode);
    const newId = uuidv7();
    await ctx.store.write((tx) => tx.insertInto('legal_persons').values({ id: newId, ...legalColumns(input), ...stamp(c) }).execute());
    return c.json({ id: newId }, 201);
  });

  app.put('/registry/legal-persons/:id', editors, async (c) => {
    const personId = parseWith(id, c.req.param('id'));
    const input = parseWith(LegalPersonInputSchema, await readJson(c));
    const row = await db().selectFrom('legal_persons').select('village_code').where('id', '=', personId).executeTakeFirst();
    if (!row) throw new ApiError(404, 'network.notFound');
    assertInScope(c.var.principal, row.village_code);
    await checkVillage(c, input.villageCode);
    await ctx.store.write((tx) => tx.updateTable('legal_persons').set({ ...legalColumns(input), ...stamp(c) }).where('id', '=', personId).execute());
    return c.json({ ok: true });
  });

  app.route('/', importAreasRoute(ctx));
  return app;
}
