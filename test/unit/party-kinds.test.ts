// Parties of both kinds (自然人/单位) from the form to the printed 卷宗: the 统一社会信用代码 check
// (GB 32100-2015), the 民族 list, what the card stores for each kind, what each document asks of
// each kind and how an organisation prints and signs.
import { describe, it, expect } from 'vitest';
import * as v from 'valibot';
import { uuidv7 } from 'uuidv7';
import { creditCodeCheck, isValidCreditCode } from '../../src/shared/credit-code.ts';
import { ETHNICITIES, COMMON_ETHNICITIES } from '../../src/shared/ethnicities.ts';
import { newPartyDraft, partiesOf, toParty } from '../../src/shared/fields/party-form.ts';
import { PartySchema } from '../../src/shared/validation.ts';
import { caseFieldSchemas } from '../../src/shared/fields/case-schemas.ts';
import { buildDocument } from '../../src/shared/documents/build.ts';
import { estimatePages } from '../../src/shared/documents/pages.ts';
import type { Party } from '../../src/shared/case.ts';
import { completeCase, fullParty } from '../support/document-cases.ts';

// Codes of real registered companies, read off their public 营业执照 records.
const VALID = [
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91330100716105852F', // 阿里巴巴（中国）有限公司
  '914403001922038216', // 华为技术有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91350100M000100Y43', // the standard's own worked example
];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts real codes, their check character computed from the first 17', () => {
    for (const code of VALID) {
      expect(isValidCreditCode(code)).toBe(true);
      expect(creditCodeCheck(code.slice(0, 17))).toBe(code[17]);
    }
  });

  it('refuses a wrong check character, two swapped characters, a letter outside the alphabet, a wrong length and lower case', () => {
    expect(isValidCreditCode('91440300708461136U')).toBe(false);
    expect(isValidCreditCode('91440300708416136T')).toBe(false); // 6 and 1 swapped
    expect(isValidCreditCode('9144030070846113IT')).toBe(false); // I is not in the alphabet
    expect(isValidCreditCode('91440300708461136')).toBe(false);
    expect(isValidCreditCode('91440300708461136t')).toBe(false);
    expect(isValidCreditCode('911100001011054491')).toBe(false); // check should be D
  });

  it('the party schema (device and server) refuses a bad code with its message', () => {
    const org = { id: uuidv7(), role: '被申请人', kind: '单位', name: '开鲁县丰收农机有限公司', creditCode: '91440300708461136U' };
    const result = v.safeParse(PartySchema, org);
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe('party.creditCode.invalid');
    expect(v.safeParse(PartySchema, { ...org, creditCode: VALID[0] }).success).toBe(true);
    // The wire accepts the new keys (an older server would refuse the push).
    expect(v.safeParse(caseFieldSchemas['private.parties'].wire, [{ ...org, legalRep: '赵刚', employer: undefined }]).success).toBe(true);
  });
});

describe('民族', () => {
  it('lists the 56 groups once, the usual ones first', () => {
    expect(ETHNICITIES).toHaveLength(56);
    expect(new Set(ETHNICITIES).size).toBe(56);
    expect(ETHNICITIES.slice(0, 4)).toEqual([...COMMON_ETHNICITIES]);
    expect(ETHNICITIES).toContain('基诺族');
  });
});

describe('the party card of each kind', () => {
  it('a 单位 stores its name, 法定代表人, code (upper case, no spaces), phone and 住所, and no person particulars', () => {
    const d = { ...newPartyDraft('被申请人'), kind: '单位' as const, name: ' 开鲁县丰收农机有限公司 ', legalRep: '赵刚', creditCode: '9144 0300 7084 6113 6t', phone: '04756212345', address: '开鲁镇工业园区8号', gender: '男' as const, ethnicity: '汉族' };
    expect(toParty(d)).toEqual({ id: d.id, role: '被申请人', kind: '单位', name: '开鲁县丰收农机有限公司', legalRep: '赵刚', creditCode: '91440300708461136T', phone: '04756212345', address: '开鲁镇工业园区8号' });
  });

  it('turning a person into a 单位 drops the person particulars it had', () => {
    const person: Party = fullParty({ role: '被申请人', name: '某公司', employer: '某单位' });
    const d = { ...newPartyDraft('被申请人'), id: person.id, kind: '单位' as const, name: '某公司' };
    const [stored] = partiesOf([d], [person]);
    expect(stored).toEqual({ id: person.id, role: '被申请人', kind: '单位', name: '某公司' });
  });

  it('a person keeps 工作单位', () => {
    const d = { ...newPartyDraft('申请人'), name: '王桂兰', employer: ' 五家村小学 ', ethnicity: '满族' };
    expect(toParty(d)).toMatchObject({ name: '王桂兰', employer: '五家村小学', ethnicity: '满族' });
    expect(toParty(d).kind).toBeUndefined();
  });
});

/** 张三 v. 李四 and a company instead of 李五. */
function withCompany(company: Partial<Party> = {}) {
  const c = completeCase();
  const parties = c.record.private.parties.map((p, i) => (i === 2
    ? { id: p.id, role: p.role, kind: '单位' as const, name: '开鲁县丰收农机有限公司', legalRep: '赵刚', creditCode: VALID[0], phone: '0475-6212345', address: '开鲁镇工业园区8号', ...company }
    : p));
  return { ...c, record: { ...c.record, private: { ...c.record.private, parties } } };
}

describe('an organisation in the 卷宗', () => {
  it('the 协议书 prints its name, 法定代表人, code and 住所, and it signs by seal and representative', () => {
    const c = withCompany();
    const r = buildDocument('agreement', c.record, c.events, { today: '2026-12-20' });
    if (!r.ok) throw new Error(r.missing.map((m) => m.field).join());
    expect(r.doc.kind).toBe('agreement');
    if (r.doc.kind !== 'agreement') return;
    expect(r.doc.content.parties[2]).toMatchObject({ organisation: true, name: '开鲁县丰收农机有限公司', legalRep: '赵刚', creditCode: VALID[0], address: '开鲁镇工业园区8号', gender: '', ethnicity: '' });
    expect(r.doc.content.signers[2]).toEqual({ role: '被申请人', name: '开鲁县丰收农机有限公司', mark: '盖章', representative: '法定代表人（负责人）签名' });
    expect(r.doc.content.signers[0]?.mark).toBe('签名（盖章）或按指印');
    expect(estimatePages(r.doc)).toBeGreaterThanOrEqual(1);
  });

  it('asks an organisation for its 法定代表人 and code, never for 性别, 民族 or 年龄; 去填写 names the exact input', () => {
    const c = withCompany({ legalRep: undefined, creditCode: undefined });
    const r = buildDocument('agreement', c.record, c.events, { today: '2026-12-20' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing.map((m) => m.field)).toEqual(['private.parties.2.legalRep', 'private.parties.2.creditCode']);
    expect(r.missing[0]?.fixPath).toBe(`/cases/${c.record.id}/edit?field=parties.2.legalRep`);
    const conf = buildDocument('confirmation', c.record, c.events, { today: '2026-11-20' });
    expect(!conf.ok && conf.missing.map((m) => m.field)).toEqual(['private.parties.2.legalRep', 'private.parties.2.creditCode']);
  });

  it('the 司法确认 package lists the organisation with its code instead of a 身份证号', () => {
    const c = withCompany();
    const r = buildDocument('confirmation', c.record, c.events, { today: '2026-11-20' });
    if (!r.ok) throw new Error(r.missing.map((m) => m.field).join());
    if (r.doc.kind !== 'confirmation') return;
    expect(r.doc.content.identities[2]).toMatchObject({ organisation: true, creditCode: VALID[0], legalRep: '赵刚', idNumber: '' });
    expect(r.doc.content.application.signers[2]?.mark).toBe('盖章');
  });
});
