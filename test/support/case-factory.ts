// Builders for test cases: a valid new-case input and a saved record, overridable field by field.
import { uuidv7 } from 'uuidv7';
import type { NewCaseInput } from '../../src/shared/fields/case-schemas.ts';
import type { CaseRecord, Agreement } from '../../src/shared/case.ts';
import { noPrevention } from '../../src/shared/case.ts';

export const VILLAGE = '150523100200'; // a village of 开鲁镇 in the demo county

export function newCaseInput(overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return {
    categoryCode: '02', source: '申请', acceptedOn: '2026-11-02', villageCode: VILLAGE, committeeName: '示例村人民调解委员会',
    mediators: ['王建国'],
    parties: [
      { id: uuidv7(), role: '申请人', name: '张三' },
      { id: uuidv7(), role: '被申请人', name: '李四' },
    ],
    facts: '两家因院墙滴水发生争执。', claims: ['对方改造排水'], place: '村委会调解室',
    ...overrides,
  };
}

export function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const input = newCaseInput();
  return {
    id: uuidv7(), version: 0, villageCode: VILLAGE, townCode: VILLAGE.slice(0, 9), countyCode: VILLAGE.slice(0, 6),
    committeeName: input.committeeName, caseNo: null, provisionalNo: '临TEST-0001', status: 'accepted', outcome: null,
    categoryCode: '02', source: '申请', acceptedOn: '2026-11-02', mediators: ['王建国'], isDifficult: false,
    prevention: noPrevention(), agreement: null, termination: null, rejection: null,
    private: { parties: input.parties, facts: input.facts, claims: input.claims, place: input.place },
    needsReview: false, voided: null, createdAt: '2026-11-02T08:00:00.000Z', updatedAt: '2026-11-02T08:00:00.000Z',
    ...overrides,
  };
}

export function agreement(overrides: Partial<Agreement> = {}): Agreement {
  return {
    form: '书面', terms: ['李四于12月31日前改造排水沟'], performanceMethod: '自行施工', performanceDeadline: '2026-12-31',
    amountYuan: 0, effectiveOn: '2026-11-10', ...overrides,
  };
}
