// The agreement form's draft and its conversion both ways: draft → Agreement for saving, and
// Agreement → draft for 重新办理 of a refused agreement (review/redo.ts). Amounts are typed as people
// write them ("5万", "伍万元") and read by the shared parser.

import type { Agreement, AgreementConcern, AgreementForm, MoneyTerm } from '../../../shared/case.ts';
import { parseAmount } from '../../../shared/money.ts';
import type { FieldErrors } from '../../../shared/validation.ts';

export interface MoneyDraft {
  payer: string;
  payee: string;
  amount: string;
  method: string;
  deadline: string;
  place: string;
}

export interface AgreementDraft {
  form: AgreementForm | '';
  terms: string[];
  liability: string;
  /** 协议涉及金钱给付: then each payment is asked for and the total is their sum. */
  hasMoney: boolean;
  money: MoneyDraft[];
  performanceMethod: string;
  performanceDeadline: string;
  performancePlace: string;
  effectiveOn: string;
  concerns: AgreementConcern[];
  oralChosen: boolean;
}

export const emptyMoney = (place: string): MoneyDraft => ({ payer: '', payee: '', amount: '', method: '', deadline: '', place });

export function agreementDraftOf(a: Agreement): Partial<AgreementDraft> {
  const money = a.money ?? [];
  return {
    form: a.form, terms: a.terms.length > 0 ? a.terms : [''], liability: a.liability ?? '', hasMoney: money.length > 0,
    money: money.map((m) => ({ ...m, amount: String(m.amountYuan) })), performanceMethod: a.performanceMethod,
    performanceDeadline: a.performanceDeadline, performancePlace: a.performancePlace ?? '', effectiveOn: a.effectiveOn, concerns: a.concerns ?? [],
    oralChosen: a.oralChosen === true,
  };
}

/** The agreement the draft describes, and the amounts it could not read (keyed like the schema). */
export function agreementOfDraft(d: AgreementDraft): { agreement: Agreement; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const money: MoneyTerm[] = d.hasMoney
    ? d.money.map((m, i) => {
      const amountYuan = parseAmount(m.amount);
      if (amountYuan === undefined) errors[`money.${i}.amountYuan`] = 'money.amount.invalid';
      return { payer: m.payer.trim(), payee: m.payee.trim(), amountYuan: amountYuan ?? 0, method: m.method.trim(), deadline: m.deadline, place: m.place.trim() };
    })
    : [];
  if (d.hasMoney && money.length === 0) errors.money = 'agreementForm.money.none';
  const amountYuan = Math.round(money.reduce((n, m) => n + m.amountYuan, 0) * 100) / 100;
  const agreement: Agreement = {
    form: d.form as AgreementForm, terms: d.terms.map((x) => x.trim()), performanceMethod: d.performanceMethod,
    performanceDeadline: d.performanceDeadline, amountYuan, effectiveOn: d.effectiveOn,
    // Drafts saved before the field existed lack it.
    ...((d.performancePlace ?? '').trim() !== '' ? { performancePlace: d.performancePlace.trim() } : {}),
    ...(money.length > 0 ? { money } : {}),
    ...(d.liability.trim() !== '' ? { liability: d.liability.trim() } : {}),
    ...(d.concerns.length > 0 ? { concerns: d.concerns } : {}),
    ...(d.form === '口头' && d.oralChosen ? { oralChosen: true } : {}),
  };
  return { agreement, errors };
}
