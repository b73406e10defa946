// The working records of a 卷宗, one document per event: 人民调解调查记录, 人民调解记录 (调解笔录)
// and 人民调解回访记录 (Art 27 "应当记录调解情况", Art 31 监督履行).

import { policeReportRelevant } from '../case-rules.ts';
import { caseLabel, type CaseRecord } from '../case.ts';
import { t } from '../i18n/index.ts';
import { dateOfInstant, disputeName, formatDate, formatDateTime, names, nonEmpty } from './format.ts';
import { fixPath, missingCaseFields } from './required.ts';
import type { CaseRecords } from './events.ts';
import type { Built, InvestigationContent, SessionContent, VisitContent } from './types.ts';

export function investigationContent(record: CaseRecord, recs: CaseRecords, index: number): Built<InvestigationContent> {
  const item = recs.investigations[index - 1];
  const fix = fixPath.investigation(record.id);
  if (!item) return { missing: [{ field: 'investigations', messageKey: 'doc.missing.investigation', fixPath: fix }] };
  const { data } = item;
  if (nonEmpty(data.investigators).length === 0) {
    return { missing: [{ field: 'investigation.investigators', messageKey: 'doc.missing.investigators', fixPath: fix }] };
  }
  return {
    content: {
      at: formatDateTime(data.at),
      place: data.place,
      matter: disputeName(record),
      investigators: nonEmpty(data.investigators),
      subject: data.subject,
      content: data.content.trim(),
      readBack: t('doc.investigation.readBack'),
    },
  };
}

/** The closing lines of the last session: how the mediation ended (Art 26 routes, or the agreement). */
function closingLines(record: CaseRecord): string[] {
  if (record.termination) {
    const lines = [t('doc.session.terminated', { reason: record.termination.reason.trim() })];
    if (record.termination.otherRoutesTold) lines.push(t('doc.session.otherRoutes'));
    return lines;
  }
  if (record.agreement) {
    const title = t(record.agreement.form === '书面' ? 'doc.title.agreement' : 'doc.title.oral-agreement');
    return [t('doc.session.agreed', { title, number: caseLabel(record) })];
  }
  return [];
}

/** Art 23 公开/不公开 on every session; Art 25 报告公安 on the last, when an escalation was flagged. */
function sessionNotes(record: CaseRecord, isLast: boolean): string[] {
  const manner = record.mediationPublic === '公开' ? [t('doc.session.public')] : record.mediationPublic === '不公开' ? [t('doc.session.private')] : [];
  const reported = isLast && record.policeReported === true && policeReportRelevant(record.prevention) ? [t('doc.session.policeReported')] : [];
  return [...manner, ...reported];
}

export function sessionContent(record: CaseRecord, recs: CaseRecords, index: number): Built<SessionContent> {
  const item = recs.sessions[index - 1];
  if (!item) return { missing: [{ field: 'sessions', messageKey: 'doc.missing.session', fixPath: fixPath.session(record.id) }] };
  const missing = missingCaseFields(record, ['committee', 'mediators']);
  if (missing.length > 0) return { missing };
  const { data } = item;
  const mediators = nonEmpty(record.mediators);
  const isLast = index === recs.sessions.length;
  return {
    content: {
      committee: record.committeeName,
      at: formatDateTime(data.at),
      place: data.place,
      matter: disputeName(record),
      participants: nonEmpty(data.participants),
      parties: names(record.private.parties),
      mediators,
      recorder: data.recorder?.trim() ?? '',
      opening: t('doc.session.opening', { committee: record.committeeName, mediators: mediators.join('、') }),
      risks: t('doc.session.risks'),
      notes: sessionNotes(record, isLast),
      statements: data.statements.map((s) => ({ partyName: s.partyName, text: s.text.trim() })),
      result: data.result.trim(),
      closing: isLast ? closingLines(record) : [],
      readBack: t('doc.session.readBack'),
      date: formatDate(dateOfInstant(data.at) || record.acceptedOn),
    },
  };
}

export function visitContent(record: CaseRecord, recs: CaseRecords, index: number): Built<VisitContent> {
  const item = recs.visits[index - 1];
  if (!item) return { missing: [{ field: 'visits', messageKey: 'doc.missing.visit', fixPath: fixPath.visit(record.id) }] };
  if (!record.agreement) return { missing: [{ field: 'agreement', messageKey: 'doc.missing.agreement', fixPath: fixPath.agreement(record.id) }] };
  const { data } = item;
  const notes = data.notes.trim();
  return {
    content: {
      person: data.visitedPerson,
      number: caseLabel(record),
      matter: disputeName(record),
      situation: [
        t('doc.visit.performance', { value: data.performance }),
        t('doc.visit.satisfaction', { value: data.satisfaction }),
        ...(notes === '' ? [] : [notes]),
      ],
      date: formatDate(data.on),
    },
  };
}
