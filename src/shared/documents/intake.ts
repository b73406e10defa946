// The opening papers of a 卷宗: 人民调解申请书 (written application), 人民调解受理登记表 (oral
// application, 主动调解, 移送) and 当事人权利义务告知书 (人民调解法 Art 23–24, 若干规定 Art 30).

import type { CaseRecord } from '../case.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { categoryByCode } from '../categories.ts';
import { formatDate, names, nonEmpty, partyLine } from './format.ts';
import { APPLICATION_FIELDS, missingCaseFields, missingPartyFields } from './required.ts';
import type { ApplicationContent, Built, NoticeContent, RegistrationContent } from './types.ts';

export function applicationContent(record: CaseRecord): Built<ApplicationContent> {
  const on = record.acceptedOn;
  const missing = [
    ...missingCaseFields(record, ['committee', 'facts', 'claims']),
    ...missingPartyFields(record, APPLICATION_FIELDS, on),
  ];
  if (missing.length > 0) return { missing };
  const lines = record.private.parties.map((p) => partyLine(p, on));
  return {
    content: {
      applicants: lines.filter((l) => l.role === '申请人'),
      respondents: lines.filter((l) => l.role === '被申请人'),
      facts: record.private.facts.trim(),
      claims: nonEmpty(record.private.claims),
      declaration: t('doc.application.declaration', { committee: record.committeeName }),
      date: formatDate(on),
    },
  };
}

export function registrationContent(record: CaseRecord): Built<RegistrationContent> {
  const missing = [...missingCaseFields(record, ['committee', 'facts']), ...missingPartyFields(record, [], record.acceptedOn)];
  if (missing.length > 0) return { missing };
  const source = record.source;
  const referred = source !== '申请' && source !== '主动调解';
  return {
    content: {
      committee: record.committeeName,
      opening: t('doc.registration.opening', { date: formatDate(record.acceptedOn), names: names(record.private.parties).join('、') }),
      category: categoryByCode(record.categoryCode)?.name ?? '',
      // The 2010 form offers ① and ②; a referral (Art 18) is written in as ③其他.
      sources: [
        { label: t('doc.registration.source.apply'), checked: source === '申请' },
        { label: t('doc.registration.source.initiative'), checked: source === '主动调解' },
        // A court case names the court's 案号, so the 登记表 ties the 卷宗 to the court's file.
        { label: referred ? t('doc.registration.source.otherNamed', { source: record.court ? `${source}（${record.court.court}${record.court.caseNo}）` : source }) : t('doc.registration.source.other'), checked: referred },
      ],
      facts: record.private.facts.trim(),
      date: formatDate(record.acceptedOn),
      footnote: t('doc.registration.footnote'),
    },
  };
}

const noticeSections: [MessageKey, MessageKey[]][] = [
  ['doc.notice.nature', ['doc.notice.nature.1', 'doc.notice.nature.2']],
  ['doc.notice.principles', ['doc.notice.principles.1', 'doc.notice.principles.2', 'doc.notice.principles.3']],
  ['doc.notice.effect', ['doc.notice.effect.1', 'doc.notice.effect.2']],
  ['doc.notice.rights', ['doc.notice.rights.1', 'doc.notice.rights.2', 'doc.notice.rights.3', 'doc.notice.rights.4']],
  ['doc.notice.duties', ['doc.notice.duties.1', 'doc.notice.duties.2', 'doc.notice.duties.3']],
];

export function noticeContent(record: CaseRecord): Built<NoticeContent> {
  const missing = [...missingCaseFields(record, ['committee']), ...missingPartyFields(record, [], record.acceptedOn)];
  if (missing.length > 0) return { missing };
  const parties = names(record.private.parties);
  return {
    content: {
      committee: record.committeeName,
      addressees: parties,
      intro: t('doc.notice.intro'),
      sections: noticeSections.map(([heading, items]) => ({ heading: t(heading), items: items.map((k) => t(k)) })),
      acknowledgement: t('doc.notice.acknowledgement'),
      signers: parties,
      date: formatDate(record.acceptedOn),
    },
  };
}
