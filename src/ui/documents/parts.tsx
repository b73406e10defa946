// Building blocks shared by the printed forms: a value or a blank for the pen, the 当事人 block,
// signature lines, the fingerprint box and the committee's seal/date corner. Sizes are in em so
// the same markup reads at 15 px on a phone and prints at 14 pt (print.css); pages.ts counts lines
// against these shapes, so a change here needs the page estimate checked again (e2e documents test).

import type { ComponentChildren } from 'preact';
import type { PartyLine, Signer } from '../../shared/documents/types.ts';
import { t } from '../../shared/i18n/index.ts';

/** A printed value, or an underlined blank of `width` em for the pen when there is none. */
export function Fill(p: { value: string; width?: number }) {
  if (p.value !== '') return <span class="doc-value">{p.value}</span>;
  return <span class="doc-blank" style={{ width: `${p.width ?? 6}em` }} />;
}

/** "label：value" kept together on one line where it fits. */
export function Field(p: { label: string; value: string; width?: number }) {
  return (
    <span class="doc-field">
      {p.label}：<Fill value={p.value} width={p.width} />
    </span>
  );
}

/**
 * 申请人/被申请人 with 姓名 性别 民族 年龄 / 职业或职务 联系方式 / 单位或住址, as on the 2010 forms;
 * a 单位: 名称 / 法定代表人（负责人） 联系方式 / 统一社会信用代码 / 住所.
 */
export function PartyBlock(p: { line: PartyLine }) {
  const l = p.line;
  if (l.organisation) {
    return (
      <div class="doc-party" data-testid="doc-party" data-kind="单位">
        <p class="doc-line"><span class="doc-field doc-role">{l.role}：<span class="doc-value">{l.name}</span></span></p>
        <p class="doc-line">
          <Field label={t('doc.label.legalRep')} value={l.legalRep} width={5} />
          <Field label={t('doc.label.phone')} value={l.phone} width={8} />
        </p>
        <p class="doc-line"><Field label={t('doc.label.creditCode')} value={l.creditCode} width={12} /></p>
        <p class="doc-line"><Field label={t('doc.label.orgAddress')} value={l.address} width={16} /></p>
      </div>
    );
  }
  return (
    <div class="doc-party" data-testid="doc-party">
      <p class="doc-line">
        <span class="doc-field doc-role">{l.role}：<span class="doc-value">{l.name}</span></span>
        <Field label={t('doc.label.gender')} value={l.gender} width={2} />
        <Field label={t('doc.label.ethnicity')} value={l.ethnicity} width={3} />
        <Field label={t('doc.label.age')} value={l.age} width={3} />
      </p>
      <p class="doc-line">
        <Field label={t('doc.label.occupation')} value={l.occupation} />
        <Field label={t('doc.label.phone')} value={l.phone} width={8} />
      </p>
      <p class="doc-line">
        <Field label={t('doc.label.address')} value={l.address} width={16} />
        {l.employer !== '' && <Field label={t('doc.label.employer')} value={l.employer} />}
      </p>
    </div>
  );
}

/** "调解员（签名）：______" */
export function SignLine(p: { label: string; width?: number }) {
  return (
    <span class="doc-sign">
      {p.label}：<span class="doc-blank" style={{ width: `${p.width ?? 7}em` }} />
    </span>
  );
}

export function SignRow(p: { children: ComponentChildren }) {
  return <p class="doc-sign-row">{p.children}</p>;
}

/** One party's place to sign, seal or press a finger (Art 29: 签名、盖章或者按指印). */
export function SignerBlock(p: { signer: Signer }) {
  const s = p.signer;
  return (
    <div class="doc-signer" data-testid="doc-signer">
      <div class="doc-signer-text">
        <p class="doc-line">{s.role}：{s.name}</p>
        <p class="doc-line">
          {s.mark}：<span class="doc-blank" style={{ width: '5em' }} />
        </p>
        {s.representative !== '' && (
          <p class="doc-line">{s.representative}：<span class="doc-blank" style={{ width: '4em' }} /></p>
        )}
      </div>
      {/* A 单位 seals; a person may press a finger. */}
      {s.representative === ''
        ? <div class="doc-fingerprint" aria-label={t('doc.sign.fingerprint')}>{t('doc.sign.fingerprint')}</div>
        : <div class="doc-fingerprint" aria-label={t('doc.sign.orgSeal')}>{t('doc.sign.orgSeal')}</div>}
    </div>
  );
}

/** The committee corner: "示例村人民调解委员会（印）" over the date, with room for the round seal. */
export function SealCorner(p: { committee: string; date: string; seal?: string }) {
  return (
    <div class="doc-seal">
      <p class="doc-line">{p.committee}{p.seal ?? t('doc.sign.seal')}</p>
      <p class="doc-line">{p.date === '' ? <span class="doc-blank" style={{ width: '8em' }} /> : p.date}</p>
    </div>
  );
}

/** A heading inside a document ("纠纷主要事实、争议事项："). */
export function Heading(p: { children: ComponentChildren }) {
  return <p class="doc-heading">{p.children}</p>;
}

/** Prose as paragraphs with the 2-character first-line indent; blank lines separate paragraphs. */
export function Prose(p: { text: string }) {
  const paragraphs = p.text.split(/\n+/).map((s) => s.trim()).filter((s) => s !== '');
  return <>{paragraphs.map((text, i) => <p class="doc-para" key={i}>{text}</p>)}</>;
}

/**
 * Column widths of a 表 form: a fixed label column, the value column takes the rest. Declared up
 * front because with table-layout: fixed a first row spanning both columns would otherwise split
 * the table in halves.
 */
export function FormColumns(p: { count?: 1 | 2 }) {
  const pairs = Array.from({ length: p.count ?? 1 }, (_, i) => i);
  return (
    <colgroup>
      {pairs.map((i) => [<col key={`l${i}`} class="doc-col-label" />, <col key={`v${i}`} />])}
    </colgroup>
  );
}
