// What each document needs before it can be printed, as a list of missing fields with the screen
// that fills each one. A blank the parties could fill by pen (a signature, 记录人) is not "missing";
// a fact the app already asks for (性别, 住址, 协议内容…) is, so the mediator enters it once and
// every document that prints it agrees.

import { isOrganisation, type CaseRecord, type Party } from '../case.ts';
import type { MessageKey } from '../i18n/index.ts';
import { ageOf, birthDateOf, genderOf } from './format.ts';
import type { MissingField } from './types.ts';

/** Screens that fill a field (owned by the case UI; we only link to them). */
export const fixPath = {
  edit: (caseId: string) => `/cases/${caseId}/edit`,
  /** The edit screen with one input focused: its form name ("parties.1.address", "facts"). */
  editField: (caseId: string, field: string) => `/cases/${caseId}/edit?field=${encodeURIComponent(field)}`,
  agreement: (caseId: string) => `/cases/${caseId}/agreement`,
  session: (caseId: string) => `/cases/${caseId}/session`,
  investigation: (caseId: string) => `/cases/${caseId}/investigation`,
  visit: (caseId: string) => `/cases/${caseId}/visit`,
  document: (caseId: string, docId: string) => `/cases/${caseId}/documents/${docId}`,
  /** The 卷宗情况说明 is written on the document list (ui/documents/explanation-editor.tsx). */
  explanation: (caseId: string) => `/cases/${caseId}/documents#explanation`,
};

export type PartyField = 'gender' | 'ethnicity' | 'age' | 'occupation' | 'phone' | 'address' | 'idNumber' | 'birthDate' | 'legalRep' | 'creditCode';

/** A person's particulars: a 单位 has none of them. */
const PERSON_ONLY: readonly PartyField[] = ['gender', 'ethnicity', 'age', 'occupation', 'idNumber', 'birthDate'];
/** An organisation's: its 法定代表人（负责人） and 统一社会信用代码. */
const ORGANISATION_ONLY: readonly PartyField[] = ['legalRep', 'creditCode'];

/** 申请书: the basics a committee needs to reach each side. */
export const APPLICATION_FIELDS: readonly PartyField[] = ['gender', 'age', 'address', 'legalRep'];
/** 协议书 / 口头协议登记表: the full party block of the form (Art 29 当事人的基本情况). */
export const AGREEMENT_FIELDS: readonly PartyField[] = ['gender', 'ethnicity', 'age', 'occupation', 'phone', 'address', 'legalRep', 'creditCode'];
/** 司法确认: identity, address and phone of every party (民诉解释 354; 2011 规定 Art 3); a 单位's code and representative. */
export const CONFIRMATION_FIELDS: readonly PartyField[] = ['gender', 'birthDate', 'idNumber', 'address', 'phone', 'legalRep', 'creditCode'];

/** The fields of `fields` that apply to a party of this kind. */
export function fieldsFor(party: Party, fields: readonly PartyField[]): PartyField[] {
  const skip = isOrganisation(party) ? PERSON_ONLY : ORGANISATION_ONLY;
  return fields.filter((f) => !skip.includes(f));
}

const filled = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

export function missingPartyFields(record: CaseRecord, fields: readonly PartyField[], on: string): MissingField[] {
  const out: MissingField[] = [];
  record.private.parties.forEach((party, i) => {
    const params = { role: party.role, name: party.name };
    if (!filled(party.name)) {
      out.push({ field: `private.parties.${i}.name`, messageKey: 'doc.missing.party.name', params, fixPath: fixPath.editField(record.id, `parties.${i}.name`) });
      return;
    }
    for (const field of fieldsFor(party, fields)) {
      const has =
        field === 'age' ? ageOf(party, on) !== undefined
        : field === 'gender' ? genderOf(party) !== undefined
        : field === 'birthDate' ? birthDateOf(party) !== undefined
        : filled(party[field]);
      if (!has) {
        out.push({
          field: `private.parties.${i}.${field}`, messageKey: `doc.missing.party.${field}`, params, fixPath: fixPath.editField(record.id, `parties.${i}.${field}`),
        });
      }
    }
  });
  return out;
}

/** The edit form's name of a case-level field (the committee comes from the profile, not the form). */
const formNameOf: Record<'facts' | 'claims' | 'mediators' | 'committee', string | undefined> = {
  facts: 'facts', claims: 'claims', mediators: 'mediators', committee: undefined,
};

/** Case-level fields: each entry is [is it there, field, message]. All fixed on the edit screen. */
export function missingCaseFields(record: CaseRecord, checks: readonly ('facts' | 'claims' | 'mediators' | 'committee')[]): MissingField[] {
  const has: Record<(typeof checks)[number], [boolean, string, MessageKey]> = {
    facts: [filled(record.private.facts), 'private.facts', 'doc.missing.facts'],
    claims: [record.private.claims.some(filled), 'private.claims', 'doc.missing.claims'],
    mediators: [record.mediators.some(filled), 'mediators', 'doc.missing.mediators'],
    committee: [filled(record.committeeName), 'committeeName', 'doc.missing.committee'],
  };
  return checks
    .filter((c) => !has[c][0])
    .map((c) => ({ field: has[c][1], messageKey: has[c][2], fixPath: formNameOf[c] ? fixPath.editField(record.id, formNameOf[c]) : fixPath.edit(record.id) }));
}

/** The agreement's own fields (书面 or 口头 as `form` says). */
export function missingAgreementFields(record: CaseRecord, form: '书面' | '口头'): MissingField[] {
  const a = record.agreement;
  const at = fixPath.agreement(record.id);
  if (!a) return [{ field: 'agreement', messageKey: 'doc.missing.agreement', fixPath: at }];
  if (a.form !== form) {
    const other = form === '书面' ? 'oral-agreement' : 'agreement';
    return [{ field: 'agreement.form', messageKey: form === '书面' ? 'doc.missing.agreement.isOral' : 'doc.missing.agreement.isWritten', fixPath: fixPath.document(record.id, other) }];
  }
  const out: MissingField[] = [];
  if (!a.terms.some(filled)) out.push({ field: 'agreement.terms', messageKey: 'doc.missing.agreement.terms', fixPath: at });
  if (!filled(a.performanceMethod)) out.push({ field: 'agreement.performanceMethod', messageKey: 'doc.missing.agreement.method', fixPath: at });
  if (!filled(a.performanceDeadline)) out.push({ field: 'agreement.performanceDeadline', messageKey: 'doc.missing.agreement.deadline', fixPath: at });
  if (!filled(a.effectiveOn)) out.push({ field: 'agreement.effectiveOn', messageKey: 'doc.missing.agreement.effectiveOn', fixPath: at });
  // A sum with no payer, way, time and place is 内容不明确: a court will not enforce it.
  if (a.amountYuan > 0 && (a.money ?? []).length === 0) {
    out.push({ field: 'agreement.money', messageKey: 'doc.missing.agreement.money', params: { amount: String(a.amountYuan) }, fixPath: at });
  }
  return out;
}
