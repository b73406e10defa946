// The audit log on SQLite and PostgreSQL: opening or listing cases, printing a document, fetching a
// photo and exporting a report are each recorded with who, when, from where and what (ids, never
// content); county staff read their county's rows, the administrator all, nobody else; filters and
// pages work; nothing younger than 183 days is ever purged.
import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { caseRecord } from '../support/server-device.ts';
import { makePng } from '../support/png.ts';
import { purgeAudit } from '../../src/server/ops/audit.ts';
import { AUDIT_PAGE_SIZE, type AuditPage } from '../../src/shared/audit-api.ts';

afterAll(closeTestStores);

describe.each(storeKinds)('audit log on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
    await h.store.db.deleteFrom('audit_log').execute();
  });

  const audit = (token: string, query = '') => h.call<AuditPage>('GET', `/api/audit${query}`, { token });

  test('every view or export of personal data is recorded, and read back in scope', async () => {
    const { med, medB, town, county, countyX, admin } = h.users;
    const bytes = new Uint8Array(makePng(300, 200, { seed: 7, pattern: 'noise' }));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const record = caseRecord(med.scope);
    const d = med.device;
    const pushed = await h.push(med, d.request([d.create(record), d.event(record, { kind: 'attachment', data: {
      sha256, size: bytes.byteLength, mime: 'image/png', name: '签字页.png', purpose: '签字页', takenAt: '2026-03-03T02:00:00.000Z',
    } })]));
    expect(pushed.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const put = await h.app.request(`/api/blobs/${sha256}?caseId=${record.id}`, {
      method: 'PUT', headers: { authorization: `Bearer ${med.token}`, 'content-type': 'application/octet-stream' }, body: bytes,
    });
    expect(put.status).toBe(201);
    expect((await audit(county.token)).body.items).toEqual([]); // uploads and pushes are not views

    expect((await h.call('GET', `/api/cases/${record.id}`, { token: county.token })).status).toBe(200);
    expect((await h.call('GET', `/api/cases?area=${med.scope}`, { token: town.token })).status).toBe(200);
    expect((await h.call('POST', '/api/audit/print', { token: med.token, body: { caseId: record.id, document: 'agreement' } })).status).toBe(200);
    expect((await h.app.request(`/api/blobs/${sha256}?caseId=${record.id}`, { headers: { authorization: `Bearer ${town.token}` } })).status).toBe(200);
    expect((await h.call('GET', '/api/stats/report.csv?area=150523&from=2026-01-01&to=2026-03-31', { token: county.token })).status).toBe(200);
    // Refused attempts leave no row: another village's case, a bad document name.
    expect((await h.call('POST', '/api/audit/print', { token: medB.token, body: { caseId: record.id, document: 'agreement' } })).status).toBe(403);
    expect((await h.call('POST', '/api/audit/print', { token: med.token, body: { caseId: record.id, document: '<script>' } })).status).toBe(400);

    const all = await audit(county.token);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(5);
    const byAction = Object.fromEntries(all.body.items.map((i) => [i.action, i]));
    expect(byAction['case.view']).toMatchObject({ userId: county.id, username: 'county', target: record.id, areaCode: med.scope, at: h.clock.now.toISOString() });
    expect(byAction['case.list']).toMatchObject({ userId: town.id, target: med.scope, detail: 'page=1 count=1' });
    expect(byAction['document.print']).toMatchObject({ userId: med.id, target: record.id, detail: 'agreement' });
    expect(byAction['blob.view']).toMatchObject({ userId: town.id, target: sha256, areaCode: med.scope });
    expect(byAction['report.export']).toMatchObject({ userId: county.id, target: '150523 2026-01-01~2026-03-31', detail: 'csv' });
    expect(all.body.items.every((i) => i.ip === 'local')).toBe(true);
    // Ids only: no party name, fact or photo byte is copied into the log.
    const text = JSON.stringify(all.body);
    for (const party of record.private.parties) expect(text).not.toContain(party.name);

    // Filters: action, user, Beijing dates.
    expect((await audit(county.token, '?action=case.view')).body.items.map((i) => i.action)).toEqual(['case.view']);
    expect((await audit(county.token, '?username=town')).body.total).toBe(2);
    expect((await audit(county.token, '?from=2026-03-10&to=2026-03-10')).body.total).toBe(5);
    expect((await audit(county.token, '?from=2026-03-11')).body.total).toBe(0);
    expect((await audit(county.token, '?action=nothing')).status).toBe(400);

    // Scope: another county sees none of it and may not ask; town and mediator may not read at all.
    expect((await audit(countyX.token)).body.total).toBe(0);
    expect((await audit(countyX.token, '?area=150523')).status).toBe(403);
    expect((await audit(town.token)).status).toBe(403);
    expect((await audit(med.token)).status).toBe(403);
    expect((await audit(admin.token)).body.total).toBe(5);
  });

  test('pages of fifty, newest first', async () => {
    const { county } = h.users;
    const rows = Array.from({ length: AUDIT_PAGE_SIZE + 7 }, (_, i) => ({
      id: uuidv7(), at: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString(), user_id: county.id, username: 'county', role: 'county',
      action: 'case.view', target: `case-${i}`, detail: null, area_code: '150523100200', ip: 'local',
    }));
    await h.store.db.insertInto('audit_log').values(rows).execute();
    const first = await audit(county.token);
    expect(first.body).toMatchObject({ total: rows.length, page: 1, pageSize: AUDIT_PAGE_SIZE });
    expect(first.body.items[0]?.target).toBe(`case-${rows.length - 1}`);
    const second = await audit(county.token, '?page=2');
    expect(second.body.items.map((i) => i.target)).toEqual(rows.slice(0, 7).reverse().map((r) => r.target));
  });

  test('nothing younger than 183 days is purged, whatever is asked', async () => {
    const now = new Date('2026-12-01T00:00:00.000Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
    const ages = [1, 182, 184, 400];
    await h.store.db.insertInto('audit_log').values(ages.map((age) => ({
      id: uuidv7(), at: daysAgo(age), user_id: 'u', username: 'probe', role: 'county', action: 'case.view', target: `age-${age}`, detail: null, area_code: '150523', ip: 'local',
    }))).execute();
    const left = async () => (await h.store.read.selectFrom('audit_log').select('target').where('username', '=', 'probe').orderBy('target').execute()).map((r) => r.target);
    expect(await purgeAudit(h.store.db, now, 365)).toBe(1);
    expect(await left()).toEqual(['age-1', 'age-182', 'age-184']);
    // Asked for 30 days, it still keeps the six months.
    expect(await purgeAudit(h.store.db, now, 30)).toBe(1);
    expect(await left()).toEqual(['age-1', 'age-182']);
  });
});
