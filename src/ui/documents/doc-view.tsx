// Renders any document model as its printed sheet(s). The 司法确认 package is four sheets sharing
// one integrity code: the joint 申请书, 材料清单 with the parties' particulars, the 协议书, the 主持调解证明.

import type { DocumentModel } from '../../shared/documents/types.ts';
import { isCompact } from '../../shared/documents/pages.ts';
import { t } from '../../shared/i18n/index.ts';
import { DocFrame } from './doc-frame.tsx';
import { ApplicationBody, NoticeBody, RegistrationBody } from './intake-docs.tsx';
import { InvestigationBody, SessionBody, VisitBody } from './record-docs.tsx';
import { AgreementBody, CertificateBody, ConfirmationApplicationBody, ConfirmationListBody, OralAgreementBody } from './agreement-docs.tsx';
import { CourtReturnBody } from './court-docs.tsx';
import { BackCoverBody, ContentsBody, CoverBody, CoverHeading, ExplanationBody } from './archive-docs.tsx';

export function DocView(p: { doc: DocumentModel }) {
  const d = p.doc;
  const frame = { id: d.id, title: d.title, caseLabel: d.caseLabel, code: d.integrityCode, isCompact: isCompact(d.kind) };
  switch (d.kind) {
    case 'application': return <DocFrame {...frame}><ApplicationBody c={d.content} /></DocFrame>;
    case 'registration': return <DocFrame {...frame}><RegistrationBody c={d.content} /></DocFrame>;
    case 'notice': return <DocFrame {...frame}><NoticeBody c={d.content} /></DocFrame>;
    case 'investigation': return <DocFrame {...frame}><InvestigationBody c={d.content} /></DocFrame>;
    case 'session': return <DocFrame {...frame}><SessionBody c={d.content} /></DocFrame>;
    case 'agreement': return <DocFrame {...frame}><AgreementBody c={d.content} /></DocFrame>;
    case 'oral-agreement': return <DocFrame {...frame}><OralAgreementBody c={d.content} /></DocFrame>;
    case 'visit': return <DocFrame {...frame}><VisitBody c={d.content} /></DocFrame>;
    case 'cover':
      return <DocFrame {...frame} heading={<CoverHeading committee={d.content.committee} />}><CoverBody c={d.content} /></DocFrame>;
    case 'contents': return <DocFrame {...frame}><ContentsBody c={d.content} /></DocFrame>;
    case 'explanation': return <DocFrame {...frame}><ExplanationBody c={d.content} /></DocFrame>;
    case 'back-cover':
      // Listed as 封底 in the 目录; the sheet itself is headed 备考表, as on the county templates.
      return <DocFrame {...frame} heading={<h1 class="doc-title">{t('doc.backCover.heading')}</h1>}><BackCoverBody c={d.content} /></DocFrame>;
    case 'court-result':
    case 'court-ending': return <DocFrame {...frame}><CourtReturnBody c={d.content} /></DocFrame>;
    case 'confirmation':
      return (
        <>
          <DocFrame {...frame} id={`${d.id}-application`} title={t('doc.confirmation.application.title')}><ConfirmationApplicationBody c={d.content} /></DocFrame>
          <DocFrame {...frame}><ConfirmationListBody c={d.content} /></DocFrame>
          <DocFrame {...frame} id={`${d.id}-agreement`} title={t('doc.title.agreement')}><AgreementBody c={d.content.agreement} /></DocFrame>
          <DocFrame {...frame} id={`${d.id}-certificate`} title={d.content.certificate.title}><CertificateBody c={d.content} /></DocFrame>
        </>
      );
  }
}
