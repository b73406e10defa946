// Importing a county's 统计用区划代码 through the API, on SQLite and PostgreSQL: the dry run
// writes nothing and says what the import will do; a re-coded village's mediator account moves
// to the new code in the same transaction and still syncs the cases, which keep the old code; a refused file changes nothing; a towns-only file of the national lists does
// not end the villages; validity dates only move forwards.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { PASSWORD, lazyHarness, type Harness } from '../support/server.ts';
import { caseRecord, Device } from '../support/server-device.ts';
import { registryDigest } from '../support/registry-digest.ts';

afterAll(closeTestStores);

const kailuCsv = readFileSync('/work/shared/fixtures/divisions/150523-kailu.csv', 'utf8');
const OLD = '150523100201';
const NEW = '150523100299';
// 杨秀峰村委会 re-coded, 南四合村委会 renamed: the county's file as republished.
const recoded = kailuCsv.replace(`${OLD},杨秀峰村委会`, `${NEW},杨秀峰村委会`).replace('150523100202,南四合村委会', '150523100202,南四合嘎查村委会');
const csv = { 'content-type': 'text/csv' };

describe.each(storeKinds)('area import on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('a re-coding import moves the village\'s mediator account; the mediator signs in and syncs on the new code; a bad file changes nothing', async () => {
    const { county, med2 } = h.users;
    // Before: a case recorded under the old code, a 法律明白人 and a resident's open request there.
    const old = caseRecord(OLD);
    const pushed = await h.push(med2, med2.device.request([med2.device.create(old)]));
    expect(pushed.body.results[0]?.status).toBe('applied');
    const person = { kind: '法律明白人', villageCode: OLD, name: '赵明白', phone: null, isPhonePublic: false, certifiedOn: null, leftOn: null };
    expect((await h.call('POST', '/api/registry/legal-persons', { token: county.token, body: person })).status).toBe(201);
    const request = {
      id: uuidv7(), villageCode: OLD, applicantName: '钱申请', phone: '13900002222', otherParty: '孙某', categoryCode: '02', facts: '院墙倒塌砸坏邻居菜地。',
      createdAt: '2026-03-09T01:00:00.000Z',
    };
    expect((await h.call('POST', '/api/public/requests', { body: request, headers: { 'x-test-ip': `area-${kind}` } })).status).toBeLessThan(300);

    const before = await registryDigest(h.store);
    const url = '/api/registry/areas/import?county=150523&validFrom=2026-03-10';

    // The preview: everything the import would do, and nothing written.
    const preview = await h.call('POST', `${url}&dryRun=1`, { token: county.token, raw: recoded, headers: csv });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, recoded: [{ oldCode: OLD, newCode: NEW }], movedAccounts: [{ username: 'med2', oldCode: OLD, newCode: NEW }], movedRequests: 1 });
    expect(preview.body.changes).toEqual(expect.arrayContaining([
      { kind: 'recoded', level: 'village', code: NEW, name: '杨秀峰村委会', oldCode: OLD },
      { kind: 'renamed', level: 'village', code: '150523100202', name: '南四合嘎查村委会', oldName: '南四合村委会' },
    ]));
    expect(await registryDigest(h.store)).toEqual(before);

    // A bad row refuses the whole file, naming the line and the code.
    const badLine = recoded.trimEnd().split('\n').length + 1;
    const bad = await h.call('POST', url, { token: county.token, raw: `${recoded.trimEnd()}\n150523100300,,village,150523100\n`, headers: csv });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('divisions.invalid');
    expect(bad.body.error.details).toEqual([{ line: badLine, message: expect.stringContaining('150523100300') }]);
    // A file whose village hangs under a town nobody knows is refused inside the import.
    const orphan = await h.call('POST', url, { token: county.token, raw: `${recoded.trimEnd()}\n150523199201,新村委会,village,150523199\n`, headers: csv });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.code).toBe('divisions.parentMissing');
    expect(await registryDigest(h.store)).toEqual(before);

    const done = await h.call('POST', url, { token: county.token, raw: recoded, headers: csv });
    expect(done.status).toBe(200);
    const { dryRun: _a, ...previewed } = preview.body;
    const { dryRun, ...imported } = done.body;
    expect(dryRun).toBe(false);
    expect(imported).toEqual(previewed);

    // The account moved, in the database and for the session the phone already holds.
    const row = await h.store.db.selectFrom('users').select('scope_code').where('username', '=', 'med2').executeTakeFirstOrThrow();
    expect(row.scope_code).toBe(NEW);
    expect((await h.call('GET', '/api/me', { token: med2.token })).body).toMatchObject({ scope: NEW, areaName: '杨秀峰村委会' });
    // History stays: the old case keeps its code; the committee, the 法律明白人 and the open request moved.
    const stored = await h.store.db.selectFrom('cases').select('village_code').where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(stored.village_code).toBe(OLD);
    expect((await h.store.db.selectFrom('committees').select('area_code').where('id', '=', `committee-${OLD}`).executeTakeFirstOrThrow()).area_code).toBe(NEW);
    expect((await h.store.db.selectFrom('legal_persons').select('village_code').where('name', '=', '赵明白').executeTakeFirstOrThrow()).village_code).toBe(NEW);
    expect((await h.store.db.selectFrom('mediation_requests').select('village_code').where('id', '=', request.id).executeTakeFirstOrThrow()).village_code).toBe(NEW);

    // Signing in again on a new phone: the account is on the new village, and it syncs there.
    const device = new Device(med2.id);
    const login = await h.call('POST', '/api/auth/login', { body: { username: 'med2', password: PASSWORD, clientId: device.clientId } });
    expect(login.status).toBe(200);
    expect(login.body.me.scope).toBe(NEW);
    const phone = { ...med2, token: login.body.token as string, device };
    const fresh = caseRecord(NEW);
    const push = await h.push(phone, phone.device.request([phone.device.create(fresh)]));
    expect(push.status).toBe(200);
    expect(push.body.results[0]?.status).toBe('applied');
    const { changes } = await h.pullAll(phone);
    expect(changes.some((c) => c.entity === 'case' && c.id === fresh.id)).toBe(true);
    // The cases of the old code are still this mediator's work: they arrive on the new phone, take
    // edits, and a case a phone recorded offline under the old code before it heard of the change
    // still syncs (refusing it would hold back the phone's whole outbox).
    expect(changes.some((c) => c.entity === 'case' && c.id === old.id)).toBe(true);
    const queuedOffline = caseRecord(OLD);
    const later = await h.push(phone, phone.device.request([
      phone.device.patch(old.id, { 'private.place': { base: old.private.place, next: '杨秀峰村村委会' } }), phone.device.create(queuedOffline),
    ]));
    expect(later.status).toBe(200);
    expect(later.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    // A neighbouring village stays out of reach.
    expect((await h.push(phone, phone.device.request([phone.device.create(caseRecord('150523100202'))]))).status).toBe(403);

    const history = await h.call('GET', '/api/registry/areas/changes?area=150523100', { token: county.token });
    expect(history.body.changes).toEqual(expect.arrayContaining([
      { oldCode: OLD, newCode: NEW, kind: 'recoded', changedOn: '2026-03-10', note: '杨秀峰村委会', by: 'county' },
    ]));

    // Dates only move forwards: a later file cannot be valid from before this import.
    const early = await h.call('POST', '/api/registry/areas/import?county=150523&validFrom=2026-03-01&dryRun=1', { token: county.token, raw: recoded, headers: csv });
    expect(early.status).toBe(400);
    expect(early.body.error.code).toBe('divisions.validFromBefore');
    expect(early.body.error.message).toContain('2026-03-10');
  });

  test('the national lists one file at a time: towns from streets.csv do not end the villages', async () => {
    const { county, town, admin } = h.users;
    const streets = readFileSync('/work/shared/fixtures/divisions/streets.csv', 'utf8').split('\n');
    const ours = [streets[0], ...streets.filter((l) => l.startsWith('150523'))].join('\n');
    expect((await h.call('POST', '/api/registry/areas/import?county=150523&validFrom=2026-03-10&dryRun=1', { token: town.token, raw: ours, headers: csv })).status).toBe(403);
    expect((await h.call('POST', '/api/registry/areas/import?county=150502&validFrom=2026-03-10&dryRun=1', { token: county.token, raw: ours, headers: csv })).status).toBe(403);
    const reply = await h.call('POST', '/api/registry/areas/import?county=150523&validFrom=2026-03-10&dryRun=1', { token: admin.token, raw: ours, headers: csv });
    expect(reply.status).toBe(200);
    const villages = await h.store.db.selectFrom('areas').select('code').where('level', '=', 'village').where('code', 'like', '150523%').where('valid_to', 'is', null).execute();
    expect(villages.length).toBeGreaterThan(200);
    expect(reply.body.changes.filter((c: { level: string }) => c.level === 'village')).toEqual([]);
    expect(reply.body.retired).toBe(0);
  });

  test('a file of one town would retire the others: refused unless the preview\'s retirement is confirmed', async () => {
    const { county } = h.users;
    const lines = kailuCsv.trimEnd().split('\n');
    const oneTown = [lines[0], ...lines.slice(1).filter((l) => l.startsWith('150523,') || l.startsWith('150523100'))].join('\n');
    const url = '/api/registry/areas/import?county=150523&validFrom=2026-03-11';
    const preview = await h.call('POST', `${url}&dryRun=1`, { token: county.token, raw: oneTown, headers: csv });
    expect(preview.status).toBe(200);
    const retiredTowns = preview.body.changes.filter((c: { kind: string; level: string }) => c.kind === 'retired' && c.level === 'town');
    expect(retiredTowns).toHaveLength(12);
    const before = await registryDigest(h.store);
    const refused = await h.call('POST', url, { token: county.token, raw: oneTown, headers: csv });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'divisions.retireUnconfirmed' });
    expect(refused.body.error.message).toContain(`${preview.body.retired} 个`);
    expect(await registryDigest(h.store)).toEqual(before);
    const valid = await h.store.db.selectFrom('areas').select('code').where('level', '=', 'town').where('valid_to', 'is', null).where('code', 'like', '150523%').execute();
    expect(valid).toHaveLength(13);
    const confirmed = await h.call('POST', `${url}&retire=1`, { token: county.token, raw: oneTown, headers: csv });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.retired).toBe(preview.body.retired);
  });
});
