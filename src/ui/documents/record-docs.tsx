// 人民调解调查记录, 人民调解记录 (调解笔录) and 人民调解回访记录: one sheet per recorded event.

import type { InvestigationContent, SessionContent, VisitContent } from '../../shared/documents/types.ts';
import { t } from '../../shared/i18n/index.ts';
import { FormColumns, Field, Heading, Prose, SealCorner, SignLine, SignRow } from './parts.tsx';

const list = (xs: readonly string[]) => (xs.length === 0 ? t('doc.label.none') : xs.join('、'));

export function InvestigationBody(p: { c: InvestigationContent }) {
  const c = p.c;
  return (
    <>
      <p class="doc-line"><Field label={t('doc.label.time')} value={c.at} /><Field label={t('doc.label.place')} value={c.place} /></p>
      <p class="doc-line"><Field label={t('doc.label.investigators')} value={c.investigators.join('、')} /><Field label={t('doc.label.recorder')} value="" /></p>
      <p class="doc-line"><Field label={t('doc.label.subject')} value={c.subject} /></p>
      <p class="doc-line"><Field label={t('doc.label.matter')} value={c.matter} /></p>
      <Heading>{t('doc.label.record')}：</Heading>
      <Prose text={c.content} />
      <div class="doc-end">
        <p class="doc-para doc-gap">{c.readBack}</p>
        <SignRow>
          <SignLine label={t('doc.sign.subject')} width={5} />
          <SignLine label={t('doc.sign.investigators')} width={5} />
          <SignLine label={t('doc.sign.recorder')} width={5} />
        </SignRow>
      </div>
    </>
  );
}

export function SessionBody(p: { c: SessionContent }) {
  const c = p.c;
  return (
    <>
      <p class="doc-line"><Field label={t('doc.label.time')} value={c.at} /></p>
      <p class="doc-line"><Field label={t('doc.label.place')} value={c.place} /></p>
      <p class="doc-line"><Field label={t('doc.label.matter')} value={c.matter} /></p>
      <p class="doc-line"><Field label={t('doc.label.participants')} value={list(c.participants)} /></p>
      <p class="doc-line"><Field label={t('doc.label.parties')} value={c.parties.join('、')} /></p>
      <p class="doc-line"><Field label={t('doc.label.mediators')} value={c.mediators.join('、')} /><Field label={t('doc.label.recorder')} value={c.recorder} /></p>
      <Heading>{t('doc.label.record')}：</Heading>
      <p class="doc-para">{c.opening}</p>
      <p class="doc-para">{c.risks}</p>
      {c.notes.map((line, i) => <p class="doc-para" key={i} data-testid="doc-session-note">{line}</p>)}
      {c.statements.map((s, i) => (
        <p class="doc-para" key={i}>{t('doc.session.statement', { name: s.partyName })}{s.text}</p>
      ))}
      <p class="doc-para">{t('doc.session.result')}{c.result}</p>
      {c.closing.map((line, i) => <p class="doc-para" key={i}>{line}</p>)}
      <div class="doc-end">
        <p class="doc-para doc-gap">{c.readBack}</p>
        <SignRow>
          {c.parties.map((name, i) => <SignLine key={i} label={t('doc.sign.party', { role: name })} width={5} />)}
        </SignRow>
        <SignRow>
          <SignLine label={t('doc.sign.mediator')} width={5} />
          {c.participants.length > 0 && <SignLine label={t('doc.sign.participants')} width={5} />}
          <SignLine label={t('doc.sign.recorder')} width={5} />
        </SignRow>
        <SealCorner committee={c.committee} date={c.date} />
      </div>
    </>
  );
}

export function VisitBody(p: { c: VisitContent }) {
  const c = p.c;
  return (
    <table class="doc-form">
      <FormColumns />
      <tbody>
        <tr><th>{t('doc.visit.person')}</th><td>{c.person}</td></tr>
        <tr><th>{t('doc.visit.number')}</th><td>{c.number}</td></tr>
        <tr><th>{t('doc.visit.matter')}</th><td>{c.matter}</td></tr>
        <tr>
          <th>{t('doc.visit.situation')}</th>
          <td class="doc-form-tall">{c.situation.map((s, i) => <p class="doc-para" key={i}>{s}</p>)}</td>
        </tr>
        <tr><th>{t('doc.sign.visitor')}</th><td class="doc-form-sign" /></tr>
        <tr><th>{t('doc.visit.date')}</th><td>{c.date}</td></tr>
      </tbody>
    </table>
  );
}
