// The committee's letter back to the court that delegated (委派) or entrusted (委托) a case
// (诉调对接, shared/court.ts): 调解结果告知函 when an agreement was reached — its terms, and the
// 司法确认 the parties may ask of that court (人民调解法 Art 33) — or 调解终结说明 when the mediation
// ended without one, returning the case to the court with the reason (Art 26).

import type { CaseRecord } from '../case.ts';
import { isCourtSource } from '../court.ts';
import { t } from '../i18n/index.ts';
import { chineseNumber, disputeName, formatDate, nonEmpty } from './format.ts';
import { fixPath, missingCaseFields } from './required.ts';
import { amountLine, moneyLines } from './agreement.ts';
import type { Built, CourtReturnContent, MissingField } from './types.ts';

type Kind = 'court-result' | 'court-ending';

function notCourt(record: CaseRecord): MissingField[] {
  return [{ field: 'court', messageKey: 'doc.missing.court', fixPath: fixPath.editField(record.id, 'source') }];
}

export function courtReturnContent(kind: Kind, record: CaseRecord, today: string): Built<CourtReturnContent> {
  const court = record.court;
  if (!court || !isCourtSource(record.source)) return { missing: notCourt(record) };
  const missing = missingCaseFields(record, ['committee']);
  if (missing.length > 0) return { missing };
  const opening = t('doc.court.referral', {
    date: formatDate(court.referredOn), verb: t(`doc.court.verb.${record.source}`), no: court.caseNo,
    dispute: disputeName(record), accepted: formatDate(record.acceptedOn),
  });
  const base = {
    committee: record.committeeName, addressee: t('doc.court.to', { court: court.court }), opening,
    judge: t('doc.court.judge', { judge: court.judge }), date: formatDate(court.returnedOn ?? today),
  };
  if (kind === 'court-result') {
    const a = record.agreement;
    if (!a || record.outcome !== 'success') {
      return { missing: [{ field: 'agreement', messageKey: 'doc.missing.court.result', fixPath: fixPath.agreement(record.id) }] };
    }
    const money = [...moneyLines(a), amountLine(a)].filter((x) => x !== '');
    const confirmation = record.judicialConfirmation;
    const paragraphs = [
      t('doc.court.agreed', { date: formatDate(a.effectiveOn), form: t(`doc.court.form.${a.form}`) }),
    ];
    const after = [
      t('doc.court.performance', { method: a.performanceMethod.trim(), deadline: formatDate(a.performanceDeadline) }),
      confirmation ? t('doc.court.confirmationApplied', { date: formatDate(confirmation.appliedOn), court: confirmation.court })
        : a.form === '书面' ? t('doc.court.confirmationOpen') : '',
    ].filter((x) => x !== '');
    return {
      content: {
        ...base, paragraphs: [...paragraphs], terms: [...nonEmpty(a.terms), ...money].map((x, i) => `${chineseNumber(i + 1)}、${x}`),
        closing: [...after, t('doc.court.resultClose')].join('\n'),
        attachment: t('doc.court.attachment', { title: t(a.form === '书面' ? 'doc.title.agreement' : 'doc.title.oral-agreement') }),
      },
    };
  }
  const ending = record.termination;
  if (!ending || record.outcome !== 'failure') {
    return { missing: [{ field: 'termination', messageKey: 'doc.missing.court.ending', fixPath: `/cases/${record.id}/terminate` }] };
  }
  return {
    content: {
      ...base,
      paragraphs: [t('doc.court.ended'), t('doc.court.reason', { reason: ending.reason.trim() }), ...(ending.otherRoutesTold ? [t('doc.court.routesTold')] : [])],
      terms: [], closing: t('doc.court.endingClose'), attachment: '',
    },
  };
}
