// The 申请调解 queue on fake IndexedDB with a scripted server: a request stays on the phone until
// a 2xx for its id, every resend carries the same id, and nothing is sent while offline.
import { beforeEach, describe, expect, it } from 'vitest';
import { clear, get } from 'idb-keyval';
import { MediationRequestSchema, REQUESTS_PATH } from '../../src/shared/public-api.ts';
import * as v from 'valibot';
import { queuedRequestCount, sendQueuedRequests, submitMediationRequest, type QueueDeps, type RequestFields } from '../../src/state/mediation-requests.ts';

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
function server(statuses: (number | 'offline')[], online = true): QueueDeps & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    now: () => new Date('2026-11-21T08:00:00.000Z'),
    isOnline: () => online,
    fetch: async (url, init) => {
      calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      const status = statuses.shift() ?? 'offline';
      if (status === 'offline') throw new TypeError('Failed to fetch');
      return new Response('{}', { status });
    },
  };
}

const stored = async () => ((await get<{ request: { id: string }; attempts: number; lastStatus?: number }[]>('mediation-requests')) ?? []);

beforeEach(async () => {
  await clear();
  queuedRequestCount.value = 0;
});

describe('mediation request queue', () => {
  it('keeps a request made offline, then sends it once the server answers 2xx', async () => {
    const offline = server(['offline']);
    expect(await submitMediationRequest(fields, offline)).toBe('queued');
    const [queued] = await stored();
    expect(queued?.attempts).toBe(0);
    expect(queuedRequestCount.value).toBe(1);

    const refusing = server([503]);
    expect((await sendQueuedRequests(refusing)).size).toBe(0);
    expect(await stored()).toMatchObject([{ attempts: 1, lastStatus: 503 }]);

    const accepting = server([201]);
    const sent = await sendQueuedRequests(accepting);
    expect(sent).toEqual(new Set([queued?.request.id]));
    expect(await stored()).toEqual([]);
    expect(queuedRequestCount.value).toBe(0);

    // Every attempt was the same request: same id, the wire shape, to the public endpoint.
    const bodies = [...offline.calls, ...refusing.calls, ...accepting.calls];
    expect(bodies.map((c) => c.url)).toEqual([REQUESTS_PATH, REQUESTS_PATH, REQUESTS_PATH]);
    for (const { body } of bodies) {
      expect(v.parse(MediationRequestSchema, body)).toEqual({ ...fields, id: queued?.request.id, createdAt: '2026-11-21T08:00:00.000Z' });
    }
  });

  it('says "sent" only when the server accepted it right away', async () => {
    expect(await submitMediationRequest(fields, server([200]))).toBe('sent');
    expect(await stored()).toEqual([]);
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
    expect((await stored()).map((q) => q.request.id)).toHaveLength(1);
  });

  it('runs one drain at a time, so two triggers never post the same request twice at once', async () => {
    await submitMediationRequest(fields, server([], false));
    const deps = server([201, 201]);
    await Promise.all([sendQueuedRequests(deps), sendQueuedRequests(deps)]);
    expect(deps.calls).toHaveLength(1);
  });
});
