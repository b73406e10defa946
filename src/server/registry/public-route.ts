// GET /api/public/areas/:villageCode/contacts — no login: who a resident can turn to. The
// village's 调委会, the town's 司法所, and the village's mediators and 法律明白人 by name; a
// person's phone number only where the registry marks it public (人民调解法 Art 15: mediators
// keep parties' data confidential, and their own numbers are theirs to publish).
import { Hono } from 'hono';
import { isVillageCode } from '../../shared/areas.ts';
import { t } from '../../shared/i18n/index.ts';
import type { AreaContacts } from '../../shared/public-api.ts';
import type { Ctx, Env } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { localDate } from '../../shared/dates.ts';

const rank = (role: string | null) => (role === null ? 3 : ['主任', '副主任', '委员'].indexOf(role));

export function publicRoutes(ctx: Ctx): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/public/areas/:villageCode/contacts', async (c) => {
    const villageCode = c.req.param('villageCode');
    if (!isVillageCode(villageCode)) throw new ApiError(400, 'area.notFound');
    const db = ctx.store.read;
    const today = localDate(ctx.now());
    const village = await db.selectFrom('areas').select('code').where('code', '=', villageCode).where('level', '=', 'village').executeTakeFirst();
    if (!village) throw new ApiError(404, 'area.notFound');
    const town = await db.selectFrom('areas').select('name').where('code', '=', villageCode.slice(0, 9)).executeTakeFirst();
    const committee = await db.selectFrom('committees').select(['id', 'name', 'phone', 'address']).where('area_code', '=', villageCode)
      .where((eb) => eb.or([eb('dissolved_on', 'is', null), eb('dissolved_on', '>', today)])).executeTakeFirst();
    const mediators = committee
      ? await db.selectFrom('mediators').select(['name', 'phone', 'phone_public', 'member_role']).where('committee_id', '=', committee.id)
        .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today)])).orderBy('id').execute()
      : [];
    // 主任 first, then 副主任, 委员 and appointed mediators.
    mediators.sort((a, b) => rank(a.member_role) - rank(b.member_role));
    const legal = await db.selectFrom('legal_persons').select(['name', 'phone', 'phone_public']).where('village_code', '=', villageCode)
      .where('kind', '=', '法律明白人').where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', today)])).orderBy('id').execute();
    const points = await db.selectFrom('intake_points').select(['name', 'address']).where('village_code', '=', villageCode).where('closed_on', 'is', null).orderBy('name').execute();
    const phoneIfPublic = (p: { phone: string | null; phone_public: number }) => (p.phone_public !== 0 && p.phone ? { phone: p.phone } : {});
    const body: AreaContacts = {
      villageCode,
      committee: committee ? { name: committee.name, ...(committee.phone ? { phone: committee.phone } : {}), ...(committee.address ? { address: committee.address } : {}) } : null,
      justiceOffice: town ? { name: t('network.justiceOffice', { town: town.name }) } : null,
      people: [
        ...mediators.map((m) => ({ name: m.name, role: 'mediator' as const, ...phoneIfPublic(m) })),
        ...legal.map((p) => ({ name: p.name, role: 'legalAdvisor' as const, ...phoneIfPublic(p) })),
      ],
      intakePoints: points.map((p) => ({ name: p.name, ...(p.address ? { address: p.address } : {}) })),
    };
    return c.json(body);
  });
  return app;
}
