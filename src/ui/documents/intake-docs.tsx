// 人民调解申请书, 人民调解受理登记表 and 当事人权利义务告知书, laid out as the 2010 forms.

import type { ApplicationContent, NoticeContent, RegistrationContent } from '../../shared/documents/types.ts';
import { t } from '../../shared/i18n/index.ts';
import { FormColumns, Heading, PartyBlock, Prose, SealCorner, SignLine, SignRow } from './parts.tsx';

export function ApplicationBody(p: { c: ApplicationContent }) {
  const c = p.c;
  return (
    <>
      {[...c.applicants, ...c.respondents].map((line, i) => <PartyBlock key={i} line={line} />)}
      <Heading>{t('doc.application.facts')}：</Heading>
      <Prose text={c.facts} />
      <Heading>{t('doc.application.claims')}：</Heading>
      {c.claims.map((claim, i) => <p class="doc-item" key={i}>{i + 1}、{claim}</p>)}
      <div class="doc-end">
        <p class="doc-para doc-gap">{c.declaration}</p>
        {c.applicants.map((a, i) => (
          <SignRow key={i}><SignLine label={`${t('doc.application.sign')}${c.applicants.length > 1 ? ` ${a.name}` : ''}`} /></SignRow>
        ))}
        <p class="doc-line doc-right">{c.date}</p>
      </div>
    </>
  );
}

export function RegistrationBody(p: { c: RegistrationContent }) {
  const c = p.c;
  return (
    <>
      <table class="doc-form">
        <FormColumns />
        <tbody>
          <tr><td colSpan={2} class="doc-form-wide">{c.opening}</td></tr>
          <tr><th>{t('doc.registration.category')}</th><td>{c.category}</td></tr>
          <tr>
            <th>{t('doc.registration.source')}</th>
            <td>
              {c.sources.map((s, i) => (
                <span class="doc-choice" key={i}>{s.checked ? '☑' : '☐'}{s.label}</span>
              ))}
            </td>
          </tr>
          <tr><th>{t('doc.registration.facts')}</th><td><Prose text={c.facts} /></td></tr>
          <tr><th>{t('doc.sign.parties')}</th><td class="doc-form-sign" /></tr>
          <tr>
            <td colSpan={2} class="doc-form-wide">
              <SignRow><SignLine label={t('doc.sign.registrar')} /></SignRow>
              <SealCorner committee={c.committee} date={c.date} seal={t('doc.sign.sealRegistration')} />
            </td>
          </tr>
        </tbody>
      </table>
      <p class="doc-line doc-small">{c.footnote}</p>
    </>
  );
}

export function NoticeBody(p: { c: NoticeContent }) {
  const c = p.c;
  return (
    <>
      <p class="doc-line">{c.addressees.join('、')}：</p>
      <p class="doc-para">{c.intro}</p>
      {c.sections.map((s, i) => (
        <div key={i}>
          <Heading>{s.heading}</Heading>
          {s.items.map((item, j) => <p class="doc-para" key={j}>{item}</p>)}
        </div>
      ))}
      <div class="doc-end">
        <p class="doc-para doc-gap">{c.acknowledgement}</p>
        <SignRow>
          {c.signers.map((name, i) => <SignLine key={i} label={t('doc.sign.party', { role: name })} width={5} />)}
        </SignRow>
        <SealCorner committee={c.committee} date={c.date} />
      </div>
    </>
  );
}
