// Saving a committee with its members is one request and one transaction, on SQLite and
// PostgreSQL: one bad member — a field the schema refuses, or someone who is not this committee's
// member, found only after earlier rows were written — refuses the whole save, names the row,
// and leaves every table as it was. Scope: town staff save in their town only.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { closeTestStores, storeKinds } from '../support/stores.ts';
import { lazyHarness, type Harness } from '../support/server.ts';
import { registryDigest } from '../support/registry-digest.ts';

afterAll(closeTestStores);

const COMMITTEE = 'committee-150523100200';
const committee = { location: '150523100200', type: '村/居', name: '五家村人民调解委员会', phone: null, address: null, foundedOn: null, dissolvedOn: null };
const member = (name: string, over: Record<string, unknown> = {}) => ({
  id: null, name, gender: '女', ethnicity: '汉族', phone: null, isPhonePublic: false, memberRole: '委员', isFullTime: false,
  termStart: '2024-01-01', termEnd: '2026-12-31', leftOn: null, ...over,
});

describe.each(storeKinds)('saving a committee with its members on %s', (kind) => {
  let h: Harness;
  const harness = lazyHarness(kind);
  beforeEach(async () => {
    h = await harness();
  });

  // Sorted here: the two databases collate Chinese differently.
  const members = async (committeeId: string) =>
    (await h.store.db.selectFrom('mediators').select(['id', 'name', 'member_role', 'left_on']).where('committee_id', '=', committeeId).execute())
      .sort((a, b) => (a.name < b.name ? -1 : 1));

  test('one request writes the committee and its members; one bad member writes nothing', async () => {
    const { town, townB, med } = h.users;
    const path = `/api/registry/committees/${COMMITTEE}`;
    const first = { committee, members: [member('王主任', { memberRole: '主任', gender: '男' }), member('李委员'), member('张委员', { gender: '男' })] };
    expect((await h.call('PUT', path, { token: townB.token, body: first })).status).toBe(403);
    expect((await h.call('PUT', path, { token: med.token, body: first })).status).toBe(403);
    const saved = await h.call('PUT', path, { token: town.token, body: first });
    expect(saved.status).toBe(200);
    expect(saved.body.memberIds).toHaveLength(3);
    expect((await members(COMMITTEE)).map((m) => m.name)).toEqual(['张委员', '李委员', '王主任'].sort());
    const [wang, li, zhang] = saved.body.memberIds as string[];

    // Somebody else's member: a mediator of the neighbouring village's committee.
    const other = await h.call('PUT', '/api/registry/committees/committee-150523100201', {
      token: town.token, body: { committee: { ...committee, location: '150523100201', name: '杨秀峰村人民调解委员会' }, members: [member('赵外人')] },
    });
    expect(other.status).toBe(200);
    const outsider = other.body.memberIds[0] as string;

    const before = await registryDigest(h.store);
    const change = {
      committee: { ...committee, name: '五家村人民调解委员会（换届）' },
      members: [
        member('王主任', { id: wang, memberRole: '主任', gender: '男', termEnd: '2029-12-31' }),
        member('李委员', { id: li, leftOn: '2026-03-10' }),
        member('孙新委员'),
        member('张委员', { id: zhang, gender: '男', memberRole: '副主任' }),
        member('赵外人', { id: outsider }),
      ],
    };
    // Found inside the transaction, after four rows were written: all of it rolls back.
    const notHere = await h.call('PUT', path, { token: town.token, body: change });
    expect(notHere.status).toBe(400);
    expect(notHere.body.error.code).toBe('network.member.notHere');
    expect(notHere.body.error.message).toContain('第 5 名委员（赵外人）');
    expect(await registryDigest(h.store)).toEqual(before);

    // Refused by the schema before any work, with the row and what to fix.
    const noEthnicity = { ...change, members: [...change.members.slice(0, 4), member('周委员', { ethnicity: ' ' })] };
    const invalid = await h.call('PUT', path, { token: town.token, body: noEthnicity });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('network.member.invalid');
    expect(invalid.body.error.message).toContain('第 5 名委员（周委员）：请填写民族');
    expect(await registryDigest(h.store)).toEqual(before);

    // The same member twice is refused too.
    const twice = await h.call('PUT', path, { token: town.token, body: { ...change, members: [...change.members.slice(0, 4), change.members[0]] } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('network.member.duplicate');
    expect(await registryDigest(h.store)).toEqual(before);

    // Without the bad row the whole change lands at once.
    const ok = await h.call('PUT', path, { token: town.token, body: { ...change, members: change.members.slice(0, 4) } });
    expect(ok.status).toBe(200);
    expect(ok.body.memberIds.slice(0, 2)).toEqual([wang, li]);
    expect(ok.body.memberIds[3]).toBe(zhang);
    const now = await members(COMMITTEE);
    expect(now.map((m) => [m.name, m.member_role, m.left_on])).toEqual([
      ['孙新委员', '委员', null], ['张委员', '副主任', null], ['李委员', '委员', '2026-03-10'], ['王主任', '主任', null],
    ].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)));
    expect((await h.store.db.selectFrom('committees').select('name').where('id', '=', COMMITTEE).executeTakeFirstOrThrow()).name).toBe('五家村人民调解委员会（换届）');
    // The registry recomputes the Art 8 warnings from what was saved: three members in office.
    const reg = await h.call('GET', '/api/registry?area=150523100200', { token: town.token });
    const saved2 = reg.body.committees.find((c: { id: string }) => c.id === COMMITTEE);
    expect(saved2.mediators.filter((m: { leftOn: string | null }) => m.leftOn === null)).toHaveLength(3);
    expect(saved2.warnings.map((w: { code: string }) => w.code)).not.toContain('network.warn.tooFew');
  });
});
