// A simulated phone: builds mutations the way the device's outbox does (clientId, running seq,
// UUIDv7 mutationId), and valid case records to create.
import { uuidv7 } from 'uuidv7';
import { noPrevention, type CaseRecord, type PatchableField } from '../../src/shared/case.ts';
import type { CaseEvent, EventBody } from '../../src/shared/events.ts';
import type { TransitionArgs } from '../../src/shared/lifecycle.ts';
import { SCHEMA_VERSION, type FieldPatch, type Mutation, type MutationBody } from '../../src/shared/mutations.ts';
import { PROTOCOL_VERSION, type PushRequest } from '../../src/shared/protocol.ts';

export function caseRecord(villageCode: string, over: Partial<CaseRecord> = {}): CaseRecord {
  const now = '2026-03-02T02:00:00.000Z';
  return {
    id: uuidv7(), version: 0, villageCode, townCode: villageCode.slice(0, 9), countyCode: villageCode.slice(0, 6),
    committeeName: '五家村人民调解委员会', caseNo: null, provisionalNo: '临0001', status: 'accepted', outcome: null,
    categoryCode: '02', source: '申请', acceptedOn: '2026-03-02', mediators: ['李建国'], isDifficult: false, prevention: noPrevention(),
    agreement: null, termination: null, rejection: null,
    private: {
      parties: [{ id: uuidv7(), role: '申请人', name: '王秀英' }, { id: uuidv7(), role: '被申请人', name: '张国强' }],
      facts: '两家因房后排水沟堵塞发生争吵。', claims: ['疏通排水沟'], place: '五家村',
    },
    needsReview: false, voided: null, createdAt: now, updatedAt: now, ...over,
  };
}

export const agreement = {
  form: '书面' as const, terms: ['张国强于十日内疏通排水沟'], performanceMethod: '当场履行', performanceDeadline: '2026-04-01',
  amountYuan: 0, effectiveOn: '2026-03-05',
};

export class Device {
  seq = 0;
  constructor(readonly userId: string, readonly clientId: string = uuidv7()) {}

  build(caseId: string, body: MutationBody): Mutation {
    return {
      mutationId: uuidv7(), clientId: this.clientId, seq: ++this.seq, schemaVersion: SCHEMA_VERSION, caseId, baseVersion: 0,
      deviceTime: '2026-03-02T03:00:00.000Z', userId: this.userId, ...body,
    } as Mutation;
  }

  create(record: CaseRecord): Mutation {
    return this.build(record.id, { name: 'case.create', args: { record } });
  }

  patch(caseId: string, patch: FieldPatch): Mutation {
    return this.build(caseId, { name: 'case.patch', patch });
  }

  transition(caseId: string, args: TransitionArgs): Mutation {
    return this.build(caseId, { name: 'case.transition', args: { ...args, eventId: uuidv7(), at: '2026-03-03T02:00:00.000Z' } });
  }

  void(caseId: string, reason: string): Mutation {
    return this.build(caseId, { name: 'case.void', args: { reason, at: '2026-03-04T02:00:00.000Z' } });
  }

  event(record: Pick<CaseRecord, 'id' | 'villageCode' | 'townCode' | 'countyCode'>, body: EventBody, extra: Partial<CaseEvent> = {}): Mutation {
    const event = {
      ...body, id: uuidv7(), caseId: record.id, villageCode: record.villageCode, townCode: record.townCode, countyCode: record.countyCode,
      at: '2026-03-03T02:00:00.000Z', author: this.userId, ...extra,
    } as CaseEvent;
    return this.build(record.id, { name: 'event.append', args: { event } });
  }

  resolve(caseId: string, conflictId: string, field: PatchableField, value: unknown): Mutation {
    return this.build(caseId, { name: 'conflict.resolve', args: { conflictId, field, value } });
  }

  /** 移交 of a case to another committee; the referral's id is the mutation's args.referral.id. */
  refer(caseId: string, toCommitteeId: string, reason = '涉及多个村，需镇调委会统一调解'): Mutation {
    return this.build(caseId, { name: 'referral.send', args: { referral: { id: uuidv7(), toCommitteeId, reason, at: '2026-03-04T02:00:00.000Z' } } });
  }

  acceptReferral(caseId: string, referralId: string): Mutation {
    return this.build(caseId, { name: 'referral.accept', args: { referralId, at: '2026-03-05T02:00:00.000Z' } });
  }

  returnReferral(caseId: string, referralId: string, reason = '村调委会可以调解，请先在村里调解'): Mutation {
    return this.build(caseId, { name: 'referral.return', args: { referralId, reason, at: '2026-03-05T02:00:00.000Z' } });
  }

  request(mutations: Mutation[]): PushRequest {
    return { protocolVersion: PROTOCOL_VERSION, clientId: this.clientId, mutations };
  }

  pullRequest(cursor: number, limit?: number) {
    return { protocolVersion: PROTOCOL_VERSION, clientId: this.clientId, cursor, ...(limit ? { limit } : {}) };
  }
}

export const session = (text = '经调解，双方同意协商解决。'): EventBody => ({
  kind: 'session',
  data: { at: '2026-03-03T02:00:00.000Z', place: '村调解室', participants: [], statements: [{ partyName: '王秀英', text: '要求疏通排水沟' }], result: text },
});
