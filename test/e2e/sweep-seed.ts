// Work for the sweep to look at: 新申请 and 待核对 drawn with items in them, not their empty
// states. Through the real HTTP API of the test server: a resident's request to the mediator's
// village (the public form's endpoint), and a refused change there (a phone pushing a step the
// case can no longer take; the server keeps it as a 'rejected' review item, sync.md §2.2).
import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { Device, caseRecord } from '../support/server-device.ts';
import { PROTOCOL_VERSION, type PushRequest, type PushResponse } from '../../src/shared/protocol.ts';
import { REQUESTS_PATH } from '../../src/shared/public-api.ts';

interface LoginAnswer {
  token: string;
  me: { scope: string; user: { id: string } };
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Sends a request and a refused change into `username`'s village; resolves once the server has both. */
export async function seedInboxes(baseUrl: string, username = 'tiaojie', password = 'shuohe-2023'): Promise<void> {
  const clientId = uuidv7();
  const session = await post<LoginAnswer>(`${baseUrl}/api/auth/login`, { username, password, clientId });
  const village = session.me.scope;
  const phone = new Device(session.me.user.id, clientId);
  const record = caseRecord(village);
  const refuse = { from: 'accepted' as const, to: 'rejected' as const, rejection: { reason: '法院已受理' as const, note: '' } };
  // 不予受理 twice: the second finds the case already closed and is refused.
  // A 排查 round with a finding 已化解 and a red 上报 of the case (the 排查 and 上报 screens).
  const heldOn = new Date().toISOString().slice(0, 10);
  const round = {
    id: uuidv7(), areaCode: village, townCode: village.slice(0, 9), countyCode: village.slice(0, 6), heldOn, participants: '调委会主任、网格员', place: '一组、二组',
    findings: [{ id: uuidv7(), summary: '两户因院墙滴水发生口角', persons: 2, state: 'resolved' as const, caseId: null, note: '当场讲明相邻关系，双方和好' }],
    keyPersons: '', hazards: '', author: '', createdAt: `${heldOn}T01:00:00.000Z`, updatedAt: `${heldOn}T01:00:00.000Z`, version: 0,
  };
  const alert = {
    id: uuidv7(), grade: 'red' as const, reasons: ['group' as const], persons: 6, summary: '六户因灌溉用水顺序争执，有推搡', caseId: record.id, screeningId: null, findingId: null,
    areaCode: village, townCode: village.slice(0, 9), countyCode: village.slice(0, 6), reportedBy: '', reportedByName: '', reportedAt: '', ack: null, version: 0,
  };
  // An open case referred to the town's 镇调委会 (the 移交 screens: sent at the village, waiting at the town).
  const referred = caseRecord(village);
  const targets = await fetch(`${baseUrl}/api/referrals/targets`, { headers: { authorization: `Bearer ${session.token}` } });
  const { committees } = (await targets.json()) as { committees: { id: string; areaCode: string }[] };
  const town = committees.find((c) => c.areaCode === `${village.slice(0, 9)}000`);
  if (!town) throw new Error('no town committee to refer to');
  const push: PushRequest = {
    protocolVersion: PROTOCOL_VERSION, clientId,
    mutations: [
      phone.create(record), phone.transition(record.id, refuse), phone.transition(record.id, refuse),
      phone.build(round.id, { name: 'screening.save', args: { record: round } }), phone.build(alert.id, { name: 'alert.raise', args: { alert } }),
      phone.create(referred), phone.refer(referred.id, town.id),
    ],
  };
  const answer = await post<PushResponse>(`${baseUrl}/api/sync/push`, push, session.token);
  if (!answer.results.some((r) => r.status === 'rejected')) throw new Error(`no refused change: ${JSON.stringify(answer.results)}`);
  await post(`${baseUrl}${REQUESTS_PATH}`, {
    id: randomUUID(), villageCode: village, applicantName: '王秀英', phone: '13800001234', otherParty: '张国强',
    categoryCode: '02', facts: '两家因房后排水沟堵塞发生争吵，想请村里调解。', createdAt: new Date().toISOString(),
  });
}
