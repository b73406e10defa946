// How a field's value reads to a person in the 待核对 inbox: names instead of codes, lists as
// lists, an agreement as its terms. Values come from the server as stored, so every shape is
// checked before use; anything unexpected is shown as text rather than breaking the screen.

import { caseSources, maskIdNumber, maskName, maskPhone, type CaseSource, type PatchableField } from '../../shared/case.ts';
import { t } from '../../shared/i18n/index.ts';
import { codecOf, fieldLabelKey } from '../../shared/fields/case-fields.ts';
import { formatDate, formatYuan } from '../format.ts';
import { categoryName } from '../case-text.ts';
import { placeName } from '../../state/areas.ts';
import { confirmationText, flagKeys } from '../cases/case-facts.tsx';
import { followUpText } from '../cases/forms/follow-up-form.tsx';

export const fieldLabel = (field: PatchableField): string => t(fieldLabelKey(field));

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string => (typeof x === 'string' ? x : x === null || x === undefined ? '' : JSON.stringify(x));
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.map(str) : []);

function Empty() {
  return <p class="muted">{t('review.value.empty')}</p>;
}

function Parties(p: { value: unknown; revealed: boolean }) {
  const parties = Array.isArray(p.value) ? p.value.filter(isRecord) : [];
  if (parties.length === 0) return <Empty />;
  return (
    <ul class="review-parties">
      {parties.map((x, i) => {
        const name = str(x.name);
        const phone = str(x.phone);
        const id = str(x.idNumber);
        const extra = [
          str(x.gender), typeof x.age === 'number' ? t('detail.age', { n: x.age }) : '',
          phone ? (p.revealed ? phone : maskPhone(phone)) : '', id ? (p.revealed ? id : maskIdNumber(id)) : '',
        ].filter(Boolean).join(' · ');
        return (
          <li key={i}>
            <span class="muted">{str(x.role)}</span> <strong>{p.revealed ? name : maskName(name)}</strong>
            {extra && <span class="muted small"> {extra}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function AgreementValue(p: { value: unknown }) {
  if (!isRecord(p.value)) return <p>{t('review.value.noAgreement')}</p>;
  const a = p.value;
  return (
    <>
      <ol class="terms">{strings(a.terms).map((term, i) => <li key={i}>{term}</li>)}</ol>
      <p class="small">
        {t('review.value.agreement', {
          form: str(a.form), method: str(a.performanceMethod), deadline: formatDate(str(a.performanceDeadline)),
          amount: typeof a.amountYuan === 'number' ? formatYuan(a.amountYuan) : str(a.amountYuan), effective: formatDate(str(a.effectiveOn)),
        })}
      </p>
    </>
  );
}

function ConfirmationValue(p: { value: unknown }) {
  if (!isRecord(p.value)) return <Empty />;
  const c = p.value;
  return <p>{confirmationText({ appliedOn: str(c.appliedOn), court: str(c.court), result: str(c.result), decidedOn: c.decidedOn ? str(c.decidedOn) : null })}</p>;
}

/** One version of a field, readable; parties' names and numbers masked unless `revealed`. */
export function FieldValue(p: { field: PatchableField; value: unknown; revealed: boolean }) {
  const { value } = p;
  switch (p.field) {
    case 'private.facts':
    case 'private.place':
      return str(value).trim() === '' ? <Empty /> : <p class="prose">{str(value)}</p>;
    case 'private.claims': {
      const lines = strings(value);
      return lines.length === 0 ? <Empty /> : <ol class="terms">{lines.map((line, i) => <li key={i}>{line}</li>)}</ol>;
    }
    case 'mediators': {
      const names = strings(value);
      return names.length === 0 ? <Empty /> : <p>{names.join('、')}</p>;
    }
    case 'categoryCode':
      return <p>{categoryName(str(value))}</p>;
    case 'source':
      return <p>{caseSources.includes(value as CaseSource) ? t(`source.${value as CaseSource}`) : str(value)}</p>;
    case 'acceptedOn':
      return <p>{formatDate(str(value))}</p>;
    case 'villageCode':
      return <p>{placeName(str(value))}</p>;
    case 'isDifficult':
    case 'policeReported':
      return <p>{value === true ? t('common.yes') : t('common.no')}</p>;
    case 'mediationPublic':
      return value === '公开' || value === '不公开' ? <p>{t(`field.mediationPublic.${value}`)}</p> : <Empty />;
    case 'prevention': {
      const flags = isRecord(value) ? flagKeys.filter((f) => typeof value[f.key] === 'number' && (value[f.key] as number) > 0) : [];
      if (flags.length === 0) return <p>{t('detail.flags.none')}</p>;
      return <p>{flags.map((f) => t('flags.item', { label: t(f.label), n: (value as Record<string, number>)[f.key] ?? 0 })).join('；')}</p>;
    }
    case 'agreement':
      return <AgreementValue value={value} />;
    case 'judicialConfirmation':
      return <ConfirmationValue value={value} />;
    case 'followUp':
      return isRecord(value) ? <p>{followUpText(value)}</p> : <Empty />;
    case 'court':
      // 诉调对接: the court's reference in one line, as the case screen's card reads it.
      return isRecord(value)
        ? <p>{[str(value.court), str(value.caseNo), t('court.card.judge', { judge: str(value.judge) }), t('court.card.deadline', { date: formatDate(str(value.deadline)) })].join(' · ')}</p>
        : <Empty />;
    case 'private.parties':
      return <Parties value={value} revealed={p.revealed} />;
    default: {
      // A field of the forms' 更多信息: shown as its form shows it.
      const codec = codecOf(p.field);
      const text = codec.fits(value) ? String(codec.encode(value)) : str(value);
      return text === '' ? <Empty /> : <p>{text}</p>;
    }
  }
}

/** The text a "合并编辑" box starts with: both versions, the first-applied one first. */
export function mergeDraft(field: PatchableField, kept: unknown, other: unknown): string {
  if (field === 'private.claims') return [...new Set([...strings(kept), ...strings(other)])].join('\n');
  const a = str(kept).trim();
  const b = str(other).trim();
  if (a === '' || a === b) return b;
  if (b === '') return a;
  return field === 'private.place' ? `${a}；${b}` : `${a}\n${b}`;
}

/** The merged text as the field's value: lines for 申请事项, one line for the place. */
export function mergedValue(field: PatchableField, text: string): unknown {
  if (field === 'private.claims') return text.split('\n').map((s) => s.trim()).filter((s) => s !== '');
  if (field === 'private.place') return text.trim().replace(/\s*\n\s*/g, '；');
  return text.trim();
}
