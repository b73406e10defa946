// The 申请调解 requests on fake IndexedDB with a scripted server: a request waits on the phone until
// a 2xx for its id, every resend carries the same id and secret, nothing is sent while offline,
// the personal data leaves the phone with the 2xx, and the committee's answer is read back.
import { beforeEach, describe, expect, it } from 'vitest';
import { clear, get, set } from 'idb-keyval';
import { MediationRequestSchema, REQUESTS_PATH, SECRET, requestNumber, requestStatusPath } from '../../src/shared/public-api.ts';
import * as v from 'valibot';
import {
  checkRequestAnswers, deleteMyRequest, myRequests, queuedRequestCount, refreshMyRequests, sendQueuedRequests, submitMediationRequest,
  type MyRequest, type QueueDeps, type RequestFields,
} from '../../src/state/mediation-requests.ts';

const fields: RequestFields = {
  villageCode: '150523103207',
  applicantName: '王秀兰',
  phone: '13812345678',
  otherParty: '李四',
  categoryCode: '01',
  facts: '订婚后女方家不肯退彩礼。',
};

interface Call {
  url: string;
  body: unknown;
}

/** A server that answers each POST with the next status in `statuses` ('offline' = network error). */
function server(statuses: (number | 'offline' | { status: number; body: unknown })[], online = true): QueueDeps & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    now: () => new Date('2026-11-21T08:00:00.000Z'),
    isOnline: () => online,
    fetch: async (url, init) => {
      calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      const status = statuses.shift() ?? 'offline';
      if (status === 'offline') throw new TypeError('Failed to fetch');
      if (typeof status === 'object') return new Response(JSON.stringify(status.body), { status: status.status });
      return new Response('{}', { status });
    },
  };
}

const stored = async () => (await get<MyRequest[]>('my-requests')) ?? [];

beforeEach(async () => {
  await clear();
  await refreshMyRequests();
});

describe('mediation request queue', () => {
  it('keeps a request made offline, then sends it once the server answers 2xx', async () => {
    const offline = server(['offline']);
    expect(await submitMediationRequest(fields, offline)).toBe('queued');
    const [queued] = await stored();
    expect(queued).toMatchObject({ state: 'waiting', attempts: 0, number: requestNumber(queued?.id ?? '') });
    expect(queued?.secret).toMatch(SECRET);
    expect(queuedRequestCount.value).toBe(1);

    const refusing = server([503]);
    expect((await sendQueuedRequests(refusing)).size).toBe(0);
    expect(await stored()).toMatchObject([{ attempts: 1, lastStatus: 503 }]);

    const accepting = server([201]);
    const sent = await sendQueuedRequests(accepting);
    expect(sent).toEqual(new Set([queued?.id]));
    const [delivered] = await stored();
    expect(delivered).toMatchObject({ id: queued?.id, state: 'delivered', deliveredAt: '2026-11-21T08:00:00.000Z' });
    // The server has it: the name, phone, other party and facts are no longer on the phone.
    expect(JSON.stringify(delivered)).not.toContain(fields.applicantName);
    expect(JSON.stringify(delivered)).not.toContain(fields.phone);
    expect(JSON.stringify(delivered)).not.toContain(fields.facts);
    expect(queuedRequestCount.value).toBe(0);

    // Every attempt was the same request: same id, the wire shape, to the public endpoint.
    const bodies = [...offline.calls, ...refusing.calls, ...accepting.calls];
    expect(bodies.map((c) => c.url)).toEqual([REQUESTS_PATH, REQUESTS_PATH, REQUESTS_PATH]);
    for (const { body } of bodies) {
      expect(v.parse(MediationRequestSchema, body)).toEqual({ ...fields, id: queued?.id, createdAt: '2026-11-21T08:00:00.000Z', secret: queued?.secret });
    }
  });

  it('says "sent" only when the server accepted it right away', async () => {
    expect(await submitMediationRequest(fields, server([200]))).toBe('sent');
    expect((await stored()).map((r) => r.state)).toEqual(['delivered']);
  });

  it('does not try while the phone reports no network', async () => {
    const deps = server([201], false);
    expect(await submitMediationRequest(fields, deps)).toBe('queued');
    expect(deps.calls).toEqual([]);
    expect(await stored()).toHaveLength(1);
  });

  it('sends the oldest first, and stops at the first network failure', async () => {
    await submitMediationRequest({ ...fields, applicantName: '甲' }, server([], false));
    await submitMediationRequest({ ...fields, applicantName: '乙' }, server([], false));
    const deps = server([201, 'offline']);
    await sendQueuedRequests(deps);
    expect(deps.calls.map((c) => (c.body as RequestFields).applicantName)).toEqual(['甲', '乙']);
    expect((await stored()).map((q) => q.state).sort()).toEqual(['delivered', 'waiting']);
  });

  it('runs one drain at a time, so two triggers never post the same request twice at once', async () => {
    await submitMediationRequest(fields, server([], false));
    const deps = server([201, 201]);
    await Promise.all([sendQueuedRequests(deps), sendQueuedRequests(deps)]);
    expect(deps.calls).toHaveLength(1);
  });

  it('reads the committee’s answer with the secret, keeps it after a reload, and forgets it when deleted', async () => {
    await submitMediationRequest(fields, server([201]));
    const [mine] = await stored();
    const waiting = server([{ status: 200, body: { id: mine?.id, number: mine?.number, status: 'new', decidedAt: null, refuseReason: null } }]);
    await checkRequestAnswers(waiting);
    expect(waiting.calls).toEqual([{ url: requestStatusPath(mine?.id ?? ''), body: { secret: mine?.secret } }]);
    expect((await stored())[0]?.state).toBe('delivered');

    const lost = server([{ status: 404, body: { error: { code: 'requests.status.notFound', message: '' } } }]);
    await checkRequestAnswers(lost);
    expect((await stored())[0]?.state).toBe('delivered');

    const answered = server([{ status: 200, body: { id: mine?.id, number: mine?.number, status: 'refused', decidedAt: '2026-11-22T02:00:00.000Z', refuseReason: '已由法院受理' } }]);
    await checkRequestAnswers(answered);
    expect(await stored()).toMatchObject([{ state: 'refused', refuseReason: '已由法院受理', decidedAt: '2026-11-22T02:00:00.000Z' }]);
    // Decided: nothing more to ask.
    const idle = server([]);
    await checkRequestAnswers(idle);
    expect(idle.calls).toEqual([]);

    myRequests.value = [];
    await refreshMyRequests();
    expect(myRequests.value.map((r) => r.state)).toEqual(['refused']);
    await deleteMyRequest(mine?.id ?? '');
    expect(await stored()).toEqual([]);
    expect(myRequests.value).toEqual([]);
  });

  it('moves an older phone’s unsent queue into the list, with a secret each', async () => {
    const id = '019a7f3e-1c2d-7a4b-8c9d-0e1f2a3b4c5d';
    const old = { ...fields, id, createdAt: '2026-11-20T08:00:00.000Z' };
    await set('mediation-requests', [{ request: old, attempts: 2 }]);
    await refreshMyRequests();
    expect(await get('mediation-requests')).toBeUndefined();
    const [moved] = await stored();
    expect(moved).toMatchObject({ id, state: 'waiting', attempts: 2, number: requestNumber(id) });
    const deps = server([201]);
    expect(await sendQueuedRequests(deps)).toEqual(new Set([id]));
    expect(deps.calls[0]?.body).toEqual({ ...old, secret: moved?.secret });
  });
});
