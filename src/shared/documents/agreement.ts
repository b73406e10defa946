// 人民调解协议书 (Art 29), 人民调解口头协议登记表 (Art 28, 30) and the 司法确认 material package
// (Art 33; 民诉解释 351–358): the agreement, the committee's 主持调解证明 and every party's
// identity, address and phone — unmasked, because this package goes to the court.

import { caseLabel, type CaseRecord } from '../case.ts';
import { addDays } from '../dates.ts';
import { categoryByCode } from '../categories.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { CONFIRMATION_DAYS } from '../reminders.ts';
import { birthDateOf, chineseNumber, formatDate, genderOf, nonEmpty, partyLine } from './format.ts';
import {
  AGREEMENT_FIELDS, CONFIRMATION_FIELDS, missingAgreementFields, missingCaseFields, missingPartyFields,
} from './required.ts';
import type { AgreementContent, Built, ConfirmationContent, MissingField, OralAgreementContent } from './types.ts';

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
      terms: nonEmpty(a.terms),
      performanceMethod: a.performanceMethod.trim(),
      performanceDeadline: t('doc.agreement.deadline', { date: formatDate(a.performanceDeadline) }),
      // Art 29: one copy per party and one for the committee.
      copies: t('doc.agreement.copies', { n: chineseNumber(parties.length + 1) }),
      effect: t('doc.agreement.effect'),
      signers: parties.map((p) => ({ role: p.role, name: p.name })),
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
      performance: t('doc.oral.performance', { method: a.performanceMethod.trim(), date: formatDate(a.performanceDeadline) }),
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
  const risk = categoryByCode(record.categoryCode)?.confirmationRisk;
  const warnings: MessageKey[] = [];
  if (risk) warnings.push(riskWarning[risk]);
  if (today > deadline) warnings.push('doc.confirmation.late');
  return {
    warnings,
    content: {
      materials: [t('doc.confirmation.material.1'), t('doc.confirmation.material.2'), t('doc.confirmation.material.3'), t('doc.confirmation.material.4')],
      deadline: t('doc.confirmation.deadline', { date: formatDate(deadline) }),
      court: record.judicialConfirmation?.court ?? null,
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
      identities: record.private.parties.map((p) => ({
        role: p.role, name: p.name, gender: genderOf(p) ?? '', ethnicity: p.ethnicity ?? '',
        birthDate: formatOptionalDate(birthDateOf(p)), idNumber: p.idNumber ?? '', address: p.address ?? '', phone: p.phone ?? '',
      })),
    },
  };
}

const formatOptionalDate = (iso: string | undefined): string => (iso ? formatDate(iso) : '');

function dedupe(missing: MissingField[]): MissingField[] {
  const seen = new Set<string>();
  return missing.filter((m) => (seen.has(m.field) ? false : (seen.add(m.field), true)));
}
