// 人民调解协议书, 人民调解口头协议登记表, and the 司法确认 package (the joint 申请书, 清单 +
// 当事人信息, the 协议书, the committee's 主持调解证明), each part on its own sheet.

import type { AgreementContent, ConfirmationContent, IdentityRow, OralAgreementContent } from '../../shared/documents/types.ts';
import { chineseNumber } from '../../shared/documents/format.ts';
import { t } from '../../shared/i18n/index.ts';
import { FormColumns, Heading, PartyBlock, Prose, SealCorner, SignerBlock, SignLine, SignRow } from './parts.tsx';

export function AgreementBody(p: { c: AgreementContent }) {
  const c = p.c;
  return (
    <>
      <p class="doc-line doc-right">{t('doc.label.number')}：{c.number}</p>
      {c.parties.map((line, i) => <PartyBlock key={i} line={line} />)}
      <Heading>{t('doc.agreement.facts')}：</Heading>
      <Prose text={c.facts} />
      {c.disputes.length > 0 && (
        <p class="doc-para">{t('doc.agreement.disputes')}{c.disputes.map((d, i) => `${i + 1}. ${d}`).join('；')}</p>
      )}
      {c.liability !== '' && <p class="doc-para" data-testid="doc-liability">{t('doc.agreement.liability')}{c.liability}</p>}
      <Heading>{t('doc.agreement.agreed')}</Heading>
      {c.terms.map((term, i) => <p class="doc-para" key={i} data-testid="doc-term">{chineseNumber(i + 1)}、{term}</p>)}
      {c.money.length > 0 && <Heading>{t('doc.agreement.money')}</Heading>}
      {c.money.map((line, i) => <p class="doc-para" key={i} data-testid="doc-money">{chineseNumber(i + 1)}、{line}</p>)}
      {c.amount !== '' && <p class="doc-para" data-testid="doc-amount">{c.amount}</p>}
      <Heading>{t('doc.agreement.performance')}：</Heading>
      <p class="doc-para">{t('doc.agreement.method')}{c.performanceMethod}；{c.performanceDeadline}{c.performancePlace !== '' && `；${c.performancePlace}`}</p>
      {/* The closing clauses stay with the signatures, so a signature sheet never stands alone. */}
      <div class="doc-end">
        <p class="doc-para">{c.copies}</p>
        <p class="doc-para">{c.effect}</p>
        <Heading>{t('doc.label.parties')}：</Heading>
        <div class="doc-signers">
          {c.signers.map((s, i) => <SignerBlock key={i} signer={s} />)}
        </div>
        <SignRow>
          <SignLine label={t('doc.sign.mediator')} width={6} />
          <SignLine label={t('doc.sign.recorder')} width={6} />
        </SignRow>
        <SealCorner committee={c.committee} date={c.date} />
      </div>
    </>
  );
}

export function OralAgreementBody(p: { c: OralAgreementContent }) {
  const c = p.c;
  return (
    <table class="doc-form">
      <FormColumns />
      <tbody>
        <tr><th>{t('doc.label.number')}</th><td>{c.number}</td></tr>
        <tr><th>{t('doc.label.parties')}</th><td>{c.parties.map((line, i) => <PartyBlock key={i} line={line} />)}</td></tr>
        <tr><th>{t('doc.oral.facts')}</th><td><Prose text={c.facts} /></td></tr>
        <tr>
          <th>{t('doc.oral.terms')}</th>
          <td>
            {c.terms.map((term, i) => <p class="doc-item" key={i} data-testid="doc-term">{chineseNumber(i + 1)}、{term}</p>)}
            {c.money.map((line, i) => <p class="doc-item" key={`m${i}`} data-testid="doc-money">{chineseNumber(c.terms.length + i + 1)}、{line}</p>)}
            {c.amount !== '' && <p class="doc-item" data-testid="doc-amount">{c.amount}</p>}
          </td>
        </tr>
        <tr>
          <th>{t('doc.oral.performanceLabel')}</th>
          <td>{c.performance}{c.choice !== '' && <p class="doc-item" data-testid="doc-oral-choice">{c.choice}</p>}</td>
        </tr>
        <tr><th>{t('doc.oral.date')}</th><td>{c.date}</td></tr>
        <tr>
          <td colSpan={2} class="doc-form-wide">
            <SignRow>
              <SignLine label={t('doc.sign.mediator')} />
              <SignLine label={t('doc.sign.registrar')} />
            </SignRow>
            <SealCorner committee={c.committee} date={c.date} />
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function IdentityTable(p: { row: IdentityRow }) {
  const r = p.row;
  if (r.organisation) {
    return (
      <table class="doc-form doc-identity" data-testid="doc-identity" data-kind="单位">
        <FormColumns count={2} />
        <tbody>
          <tr><th>{t('doc.confirmation.role')}</th><td>{r.role}</td><th>{t('doc.label.orgName')}</th><td>{r.name}</td></tr>
          <tr><th>{t('doc.label.legalRep')}</th><td>{r.legalRep}</td><th>{t('doc.confirmation.phone')}</th><td class="doc-number">{r.phone}</td></tr>
          <tr><th>{t('doc.label.creditCode')}</th><td colSpan={3} class="doc-number">{r.creditCode}</td></tr>
          <tr><th>{t('doc.label.orgAddress')}</th><td colSpan={3}>{r.address}</td></tr>
        </tbody>
      </table>
    );
  }
  return (
    <table class="doc-form doc-identity" data-testid="doc-identity">
      <FormColumns count={2} />
      <tbody>
        <tr><th>{t('doc.confirmation.role')}</th><td>{r.role}</td><th>{t('doc.label.name')}</th><td>{r.name}</td></tr>
        <tr><th>{t('doc.label.gender')}</th><td>{r.gender}</td><th>{t('doc.label.ethnicity')}</th><td>{r.ethnicity}</td></tr>
        <tr><th>{t('doc.confirmation.birthDate')}</th><td>{r.birthDate}</td><th>{t('doc.confirmation.phone')}</th><td class="doc-number">{r.phone}</td></tr>
        <tr><th>{t('doc.confirmation.idNumber')}</th><td colSpan={3} class="doc-number">{r.idNumber}</td></tr>
        <tr><th>{t('doc.confirmation.address')}</th><td colSpan={3}>{r.address}</td></tr>
      </tbody>
    </table>
  );
}

/** Sheet 1 of the package: the parties' joint 司法确认申请书 (2011 规定 Art 3), signed by each. */
export function ConfirmationApplicationBody(p: { c: ConfirmationContent }) {
  const a = p.c.application;
  return (
    <>
      <Heading>{t('doc.confirmation.application.applicants')}：</Heading>
      {a.applicants.map((row, i) => <IdentityTable key={i} row={row} />)}
      <Heading>{t('doc.confirmation.application.requestLabel')}：</Heading>
      <p class="doc-para">{a.request}</p>
      <Heading>{t('doc.confirmation.application.factsLabel')}：</Heading>
      <p class="doc-para">{a.facts}</p>
      <Heading>{t('doc.confirmation.application.promisesLabel')}：</Heading>
      {a.promises.map((m, i) => <p class="doc-item" key={i}>{i + 1}、{m}</p>)}
      <p class="doc-line">{t('doc.confirmation.application.to')}</p>
      <p class="doc-line">{a.court !== '' ? a.court : <><span class="doc-blank" style={{ width: '10em' }} />{t('doc.confirmation.courtBlank')}</>}</p>
      <div class="doc-end">
        <div class="doc-signers">
          {a.signers.map((s, i) => <SignerBlock key={i} signer={s} />)}
        </div>
      </div>
    </>
  );
}

/** Sheet 2 of the package: what goes to the court, by when, and who the parties are. */
export function ConfirmationListBody(p: { c: ConfirmationContent }) {
  const c = p.c;
  return (
    <>
      <Heading>{t('doc.confirmation.materials')}：</Heading>
      {c.materials.map((m, i) => <p class="doc-item" key={i}>{i + 1}、{m}</p>)}
      <p class="doc-para doc-gap">{c.deadline}</p>
      {c.court
        ? <p class="doc-line">{t('doc.confirmation.court')}{c.court}</p>
        : <p class="doc-line">{t('doc.confirmation.court')}<span class="doc-blank" style={{ width: '10em' }} />{t('doc.confirmation.courtBlank')}</p>}
      <Heading>{t('doc.confirmation.identities')}：</Heading>
      {c.identities.map((row, i) => <IdentityTable key={i} row={row} />)}
    </>
  );
}

/** Sheet 4: 调解组织主持调解的证明 (民诉解释 354). */
export function CertificateBody(p: { c: ConfirmationContent }) {
  const cert = p.c.certificate;
  return (
    <>
      <p class="doc-para doc-gap">{t('doc.confirmation.certificate.prove')}{cert.body}</p>
      <p class="doc-para">{t('doc.confirmation.certificate.end')}</p>
      <div class="doc-end">
        <SealCorner committee={cert.committee} date={cert.date} />
      </div>
    </>
  );
}
