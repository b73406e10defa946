// 人民调解协议书 (Art 29), 人民调解口头协议登记表 (Art 28, 30) and the 司法确认 material package
// (Art 33; 民诉解释 351–358): the agreement, the committee's 主持调解证明 and every party's
// identity, address and phone — unmasked, because this package goes to the court.

import { caseLabel, isOrganisation, type Agreement, type CaseRecord, type Party } from '../case.ts';
import { addDays } from '../dates.ts';
import { categoryByCode } from '../categories.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { CONFIRMATION_DAYS } from '../reminders.ts';
import { shouldBeWritten } from '../case-rules.ts';
import { confirmationRisk, involvesProperty } from '../follow-up.ts';
import { amountStated } from '../money.ts';
import { birthDateOf, chineseNumber, formatDate, genderOf, nonEmpty, partyLine } from './format.ts';
import {
  AGREEMENT_FIELDS, CONFIRMATION_FIELDS, missingAgreementFields, missingCaseFields, missingPartyFields,
} from './required.ts';
import type { AgreementContent, Built, ConfirmationContent, IdentityRow, MissingField, OralAgreementContent, Signer } from './types.ts';

/** Each payment as the agreement prints it: the sum in figures and 大写, the way, the time, the place. */
export function moneyLines(a: Agreement): string[] {
  return (a.money ?? []).map((m) => t('doc.agreement.moneyTerm', {
    payer: m.payer.trim(), payee: m.payee.trim(), date: formatDate(m.deadline), amount: amountStated(m.amountYuan),
    method: m.method.trim(), place: m.place.trim(),
  }));
}

/** "履行地点：…" of the agreement itself, '' when it names none. */
export const placeLine = (a: Agreement): string => ((a.performancePlace ?? '').trim() !== '' ? t('doc.agreement.place', { place: (a.performancePlace ?? '').trim() }) : '');

export const amountLine = (a: Agreement): string => (a.amountYuan > 0 ? t('doc.agreement.amount', { amount: amountStated(a.amountYuan) }) : '');

/** Art 29: 签名、盖章或者按指印 — a person may do any; the mark is printed so nobody leaves a seal out. */
export function signerOf(party: Party): Signer {
  // A 单位 signs by its seal and its 法定代表人（负责人）'s signature.
  if (isOrganisation(party)) return { role: party.role, name: party.name, mark: t('doc.sign.sealMark'), representative: t('doc.sign.representative') };
  return { role: party.role, name: party.name, mark: t('doc.sign.partyMark'), representative: '' };
}

function missingFor(record: CaseRecord, form: '书面' | '口头'): MissingField[] {
  const agreementMissing = missingAgreementFields(record, form);
  // With no agreement (or the other form) nothing else is worth listing yet.
  if (agreementMissing.some((m) => m.field === 'agreement' || m.field === 'agreement.form')) return agreementMissing;
  const on = record.agreement?.effectiveOn ?? record.acceptedOn;
  return [
    ...missingCaseFields(record, ['committee', 'mediators', 'facts']),
    ...missingPartyFields(record, AGREEMENT_FIELDS, on),
    ...agreementMissing,
  ];
}

export function agreementContent(record: CaseRecord): Built<AgreementContent> {
  const missing = missingFor(record, '书面');
  const a = record.agreement;
  if (missing.length > 0 || !a) return { missing };
  const parties = record.private.parties;
  return {
    content: {
      committee: record.committeeName,
      number: caseLabel(record),
      parties: parties.map((p) => partyLine(p, a.effectiveOn)),
      facts: record.private.facts.trim(),
      disputes: nonEmpty(record.private.claims),
      liability: a.liability?.trim() ?? '',
      terms: nonEmpty(a.terms),
      money: moneyLines(a),
      amount: amountLine(a),
      performanceMethod: a.performanceMethod.trim(),
      performanceDeadline: t('doc.agreement.deadline', { date: formatDate(a.performanceDeadline) }),
      performancePlace: placeLine(a),
      // Art 29: one copy per party and one for the committee.
      copies: t('doc.agreement.copies', { n: chineseNumber(parties.length + 1) }),
      effect: t('doc.agreement.effect'),
      signers: parties.map(signerOf),
      date: formatDate(a.effectiveOn),
    },
  };
}

export function oralAgreementContent(record: CaseRecord): Built<OralAgreementContent> {
  const missing = missingFor(record, '口头');
  const a = record.agreement;
  if (missing.length > 0 || !a) return { missing };
  return {
    content: {
      committee: record.committeeName,
      number: caseLabel(record),
      parties: record.private.parties.map((p) => partyLine(p, a.effectiveOn)),
      facts: record.private.facts.trim(),
      terms: nonEmpty(a.terms),
      money: moneyLines(a),
      amount: amountLine(a),
      performance: [t('doc.oral.performance', { method: a.performanceMethod.trim(), date: formatDate(a.performanceDeadline) }), placeLine(a)].filter((s) => s !== '').join(''),
      choice: shouldBeWritten(a) ? t('rules.oral.chosen') : '',
      date: formatDate(a.effectiveOn),
    },
  };
}

const riskWarning: Record<'status' | 'title', MessageKey> = {
  status: 'reminder.confirmationRisk.status',
  title: 'reminder.confirmationRisk.title',
};

export function confirmationContent(record: CaseRecord, today: string): Built<ConfirmationContent> {
  const agreement = agreementContent(record);
  const identityMissing = missingPartyFields(record, CONFIRMATION_FIELDS, record.agreement?.effectiveOn ?? record.acceptedOn);
  if ('missing' in agreement) {
    // 司法确认 needs the written agreement first; list identity gaps only once it exists.
    return { missing: agreement.missing.some((m) => m.field.startsWith('agreement')) ? agreement.missing : dedupe([...agreement.missing, ...identityMissing]) };
  }
  if (identityMissing.length > 0) return { missing: identityMissing };
  const a = agreement.content;
  const effectiveOn = record.agreement?.effectiveOn ?? record.acceptedOn;
  const deadline = addDays(effectiveOn, CONFIRMATION_DAYS);
  const side = (role: string) => record.private.parties.filter((p) => p.role === role).map((p) => p.name).join('、');
  const risk = confirmationRisk(record.agreement);
  const warnings: MessageKey[] = [];
  if (risk) warnings.push(riskWarning[risk]);
  if (today > deadline) warnings.push('doc.confirmation.late');
  const identities: IdentityRow[] = record.private.parties.map((p) => ({
    role: p.role, organisation: isOrganisation(p), name: p.name, gender: genderOf(p) ?? '', ethnicity: p.ethnicity ?? '',
    birthDate: formatOptionalDate(birthDateOf(p)), idNumber: p.idNumber ?? '', address: p.address ?? '', phone: p.phone ?? '',
    legalRep: p.legalRep ?? '', creditCode: p.creditCode ?? '',
  }));
  const court = record.judicialConfirmation?.court ?? null;
  // 2011 规定 Art 3: 申请书, the agreement, identity papers and, where it deals with 物权, the proof of the right.
  const materials = [
    t('doc.confirmation.material.application'), t('doc.confirmation.material.1'), t('doc.confirmation.material.2'),
    t('doc.confirmation.material.3'), t('doc.confirmation.material.4'),
    ...(involvesProperty(record.agreement) ? [t('doc.confirmation.material.property')] : []),
  ];
  return {
    warnings,
    content: {
      application: {
        applicants: identities,
        request: t('doc.confirmation.application.request', { committee: record.committeeName, date: a.date, number: a.number }),
        facts: t('doc.confirmation.application.facts', {
          dispute: categoryByCode(record.categoryCode)?.name ?? t('doc.dispute.generic'), committee: record.committeeName, date: a.date,
        }),
        promises: [t('doc.confirmation.promise.1'), t('doc.confirmation.promise.2'), t('doc.confirmation.promise.3')],
        court: court ?? '',
        signers: record.private.parties.map(signerOf),
      },
      materials,
      deadline: t('doc.confirmation.deadline', { date: formatDate(deadline) }),
      court,
      agreement: a,
      certificate: {
        title: t('doc.confirmation.certificate.title'),
        body: t('doc.confirmation.certificate.body', {
          applicants: side('申请人'), respondents: side('被申请人'), dispute: categoryByCode(record.categoryCode)?.name ?? t('doc.dispute.generic'),
          acceptedOn: formatDate(record.acceptedOn), committee: record.committeeName, mediators: nonEmpty(record.mediators).join('、'),
          effectiveOn: a.date, number: a.number,
        }),
        committee: record.committeeName,
        date: formatDate(today),
      },
      identities,
    },
  };
}

const formatOptionalDate = (iso: string | undefined): string => (iso ? formatDate(iso) : '');

function dedupe(missing: MissingField[]): MissingField[] {
  const seen = new Set<string>();
  return missing.filter((m) => (seen.has(m.field) ? false : (seen.add(m.field), true)));
}
