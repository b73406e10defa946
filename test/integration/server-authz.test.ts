// The authorization matrix: every scoped role (village mediator, town, county) against an area
// just outside its own, on every endpoint that reads or writes cases or devices. Every cell must
// be refused with 403, and the database must be byte-for-byte unchanged afterwards.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness, type TestUser, type UserKey } from '../support/server.ts';
import { Device, caseRecord, session } from '../support/server-device.ts';
import { fingerprint } from '../support/fingerprint.ts';
import type { Mutation } from '../../src/shared/mutations.ts';

afterAll(closeTestStores);

interface Setup {
  role: UserKey;
  /** Owner of the foreign area: their case and their phone are the targets. */
  owner: UserKey;
}

const setups: Setup[] = [
  { role: 'med', owner: 'med2' }, // neighbouring village in the same town
  { role: 'town', owner: 'medB' }, // a village of another town
  { role: 'county', owner: 'countyX' }, // a village of another county
];

const foreignVillage: Record<UserKey, string> = {
  med2: '150523100201', medB: '150523101200', countyX: '150502001001',
} as Record<UserKey, string>;

describe.each(storeKinds)('authorization matrix on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  test('every role × a foreign area × every endpoint is refused with 403 and changes nothing', async () => {
    const targets = new Map<UserKey, { caseId: string; device: Device; own: string }>();
    for (const { role, owner } of setups) {
      const o = h.users[owner];
      const record = caseRecord(foreignVillage[owner]);
      const reply = await h.push(o, o.device.request([o.device.create(record), o.device.event(record, session())]));
      expect(reply.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      // An own case of the role, for "move my case into a foreign village".
      const me = h.users[role];
      const own = caseRecord(ownVillage(me));
      expect((await h.push(me, me.device.request([me.device.create(own)]))).body.results[0]?.status).toBe('applied');
      targets.set(owner, { caseId: record.id, device: o.device, own: own.id });
    }
    // A session of each prober on the owner's clientId (a token opened there), made before the count.
    for (const { role, owner } of setups) await h.tokenFor(h.users[role], targets.get(owner)?.device.clientId ?? '');
    const before = await fingerprint(h.store);

    let cells = 0;
    const refused: string[] = [];
    for (const { role, owner } of setups) {
      const me: TestUser = h.users[role];
      const target = targets.get(owner);
      if (!target) throw new Error('setup missing');
      const area = foreignVillage[owner];
      const dev = me.device;
      // Each push is refused, so the device's next seq stays what it was.
      const pushOne = (build: () => Mutation) => {
        const seq = dev.seq;
        const m = build();
        dev.seq = seq;
        return h.push(me, dev.request([m]));
      };
      const stranger = new Device(me.id, target.device.clientId);
      const cellsOfRole: [string, () => Promise<{ status: number }>][] = [
        ['push case.create in foreign village', () => pushOne(() => dev.create(caseRecord(area)))],
        ['push case.patch', () => pushOne(() => dev.patch(target.caseId, { isDifficult: { base: false, next: true } }))],
        ['push case.transition', () => pushOne(() => dev.transition(target.caseId, { from: 'accepted', to: 'mediating' }))],
        ['push case.void', () => pushOne(() => dev.void(target.caseId, '越权作废'))],
        ['push event.append', () => pushOne(() => dev.event({ id: target.caseId, villageCode: area, townCode: area.slice(0, 9), countyCode: area.slice(0, 6) }, session()))],
        ['push conflict.resolve', () => pushOne(() => dev.resolve(target.caseId, uuidv7(), 'private.place', 'x'))],
        ['push move own case into foreign village', () => pushOne(() => dev.patch(target.own, { villageCode: { base: ownVillage(me), next: area } }))],
        ['push with the owner\'s clientId', () => h.push(me, stranger.request([stranger.create(caseRecord(ownVillage(me)))]))],
        ['pull with the owner\'s clientId', () => h.pull(me, 0, { device: stranger })],
        ['GET /api/cases?area=foreign', () => h.call('GET', `/api/cases?area=${area}`, { token: me.token })],
        ['GET /api/cases/:foreignId', () => h.call('GET', `/api/cases/${target.caseId}`, { token: me.token })],
        ['GET /api/review?area=foreign', () => h.call('GET', `/api/review?area=${area}`, { token: me.token })],
        ['POST /api/devices/:foreign/revoke', () => h.call('POST', `/api/devices/${target.device.clientId}/revoke`, { token: me.token })],
      ];
      for (const [name, run] of cellsOfRole) {
        cells++;
        const reply = await run();
        if (reply.status !== 403) refused.push(`${role}: ${name} → ${reply.status}`);
      }
    }
    expect(refused).toEqual([]);
    expect(cells).toBe(3 * 13);
    expect(await fingerprint(h.store)).toEqual(before);
  });

  test('scoped users still see what is theirs (the matrix is not refusing everything)', async () => {
    const { med, town, county } = h.users;
    const record = caseRecord(med.scope);
    await h.push(med, med.device.request([med.device.create(record)]));
    for (const user of [med, town, county]) {
      expect((await h.call('GET', `/api/cases/${record.id}`, { token: user.token })).status).toBe(200);
      expect((await h.call('GET', `/api/cases?area=${med.scope}`, { token: user.token })).status).toBe(200);
    }
  });
});

/** A village inside the user's own area. */
function ownVillage(me: TestUser): string {
  return me.role === 'mediator' ? me.scope : me.role === 'town' ? '150523100202' : '150523102200';
}
