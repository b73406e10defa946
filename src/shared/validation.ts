// Field-level validation of what a person enters, shared by the device and the server. Each
// schema's messages are catalogue keys, so the same rule yields the same Chinese sentence on both
// sides. `fieldErrors` turns valibot issues into { "parties.0.name": key } for the form.

import * as v from 'valibot';
import type { MessageKey } from './i18n/index.ts';
import { isValidIdNumber } from './id-number.ts';
import { isValidCreditCode } from './credit-code.ts';
import { isIsoDate } from './dates.ts';
import { agreementConcerns, partyKinds, confirmationResults, type Agreement, type Party, type Rejection, type Termination } from './case.ts';

export type FieldErrors = Record<string, MessageKey>;

export const k = (key: MessageKey) => key;
export const text = (max: number) => v.pipe(v.string(k('validation.text')), v.maxLength(max, k('validation.tooLong')));
export const requiredText = (max: number, key: MessageKey) =>
  v.pipe(v.string(k(key)), v.trim(), v.minLength(1, k(key)), v.maxLength(max, k('validation.tooLong')));
export const isoDate = (key: MessageKey) => v.pipe(v.string(k(key)), v.check(isIsoDate, k(key)));

export const PartySchema = v.object({
  id: v.pipe(v.string(), v.uuid(k('validation.id'))),
  role: v.picklist(['申请人', '被申请人'], k('party.role.invalid')),
  kind: v.optional(v.picklist(partyKinds, k('party.kind.invalid'))),
  // Long enough for an organisation's registered name.
  name: requiredText(100, 'party.name.required'),
  gender: v.optional(v.picklist(['男', '女'], k('party.gender.invalid'))),
  ethnicity: v.optional(text(20)),
  age: v.optional(v.pipe(v.number(k('party.age.invalid')), v.integer(k('party.age.invalid')), v.minValue(0, k('party.age.invalid')), v.maxValue(130, k('party.age.invalid')))),
  birthDate: v.optional(isoDate('party.birthDate.invalid')),
  occupation: v.optional(text(50)),
  phone: v.optional(v.pipe(v.string(), v.regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, k('party.phone.invalid')))),
  address: v.optional(text(200)),
  idNumber: v.optional(v.pipe(v.string(), v.check(isValidIdNumber, k('party.idNumber.invalid')))),
  employer: v.optional(text(100)),
  idIssuer: v.optional(text(50)),
  idValidity: v.optional(text(30)),
  legalRep: v.optional(text(50)),
  creditCode: v.optional(v.pipe(v.string(), v.check(isValidCreditCode, k('party.creditCode.invalid')))),
});

const yuan = (key: MessageKey) => v.pipe(v.number(k(key)), v.minValue(0, k(key)), v.maxValue(1e10, k(key)));

/** One payment of an agreement: who pays whom, how much, how, by when and where. */
export const MoneyTermSchema = v.object({
  payer: requiredText(100, 'money.payer.required'),
  payee: requiredText(100, 'money.payee.required'),
  amountYuan: v.pipe(yuan('money.amount.invalid'), v.minValue(0.01, k('money.amount.invalid'))),
  method: requiredText(200, 'money.method.required'),
  deadline: isoDate('money.deadline.invalid'),
  place: requiredText(200, 'money.place.required'),
});

export const AgreementSchema = v.object({
  form: v.picklist(['书面', '口头'], k('agreement.form.required')),
  terms: v.pipe(v.array(requiredText(1000, 'agreement.terms.required')), v.minLength(1, k('agreement.terms.required'))),
  performanceMethod: requiredText(500, 'agreement.method.required'),
  performanceDeadline: isoDate('agreement.deadline.invalid'),
  performancePlace: v.optional(text(200)),
  amountYuan: yuan('agreement.amount.invalid'),
  effectiveOn: isoDate('agreement.effectiveOn.invalid'),
  money: v.optional(v.pipe(v.array(MoneyTermSchema), v.maxLength(20, k('validation.tooLong')))),
  liability: v.optional(text(2000)),
  concerns: v.optional(v.array(v.picklist(agreementConcerns, k('validation.text')))),
  oralChosen: v.optional(v.boolean()),
});

export const FollowUpSchema = v.object({
  urge: v.nullable(v.object({
    openedOn: isoDate('urge.date.invalid'),
    due: isoDate('urge.date.invalid'),
    doneOn: v.nullable(isoDate('urge.date.invalid')),
    note: text(2000),
  })),
  confirmationWaivedOn: v.nullable(isoDate('urge.date.invalid')),
});

export const TerminationSchema = v.object({
  reason: requiredText(1000, 'termination.reason.required'),
  otherRoutesTold: v.literal(true, k('termination.otherRoutes.required')),
});

export const RejectionSchema = v.object({
  reason: v.picklist(['当事人拒绝调解', '法院已受理', '公安机关已受理', '行政机关已受理', '其他'], k('rejection.reason.required')),
  note: text(1000),
});

/** 司法确认: a decided application has its decision date, never before the application. */
export const JudicialConfirmationSchema = v.pipe(
  v.object({
    appliedOn: isoDate('confirmation.appliedOn.invalid'),
    court: requiredText(100, 'confirmation.court.required'),
    result: v.picklist(confirmationResults, k('confirmation.result.required')),
    decidedOn: v.nullable(isoDate('confirmation.decidedOn.invalid')),
  }),
  v.forward(v.check((c) => (c.result === '审查中') === (c.decidedOn === null), k('confirmation.decidedOn.required')), ['decidedOn']),
  v.forward(v.check((c) => c.decidedOn === null || c.decidedOn >= c.appliedOn, k('confirmation.decidedOn.beforeApplied')), ['decidedOn']),
);

export const SessionSchema = v.object({
  at: v.pipe(v.string(), v.isoTimestamp(k('session.at.invalid'))),
  place: requiredText(200, 'session.place.required'),
  participants: v.array(text(100)),
  statements: v.array(v.object({ partyName: requiredText(50, 'party.name.required'), text: requiredText(5000, 'session.statement.required') })),
  result: requiredText(5000, 'session.result.required'),
  recorder: v.optional(text(30)),
});

export const InvestigationSchema = v.object({
  at: v.pipe(v.string(), v.isoTimestamp(k('session.at.invalid'))),
  place: requiredText(200, 'session.place.required'),
  investigators: v.array(text(30)),
  subject: requiredText(100, 'investigation.subject.required'),
  content: requiredText(5000, 'investigation.content.required'),
});

export const VisitSchema = v.object({
  on: isoDate('visit.on.invalid'),
  visitedPerson: requiredText(50, 'visit.person.required'),
  performance: v.picklist(['已履行', '部分履行', '未履行'], k('visit.performance.required')),
  // 未记载 is never offered by the visit form; it marks a visit imported from a paper ledger.
  satisfaction: v.picklist(['满意', '基本满意', '不满意', '未记载'], k('visit.satisfaction.required')),
  notes: text(2000),
});

export function fieldErrors<S extends v.GenericSchema>(schema: S, value: unknown): FieldErrors {
  const result = v.safeParse(schema, value);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.issues) {
    const path = v.getDotPath(issue) ?? '_';
    if (!(path in errors)) errors[path] = issue.message as MessageKey;
  }
  return errors;
}

export const validateAgreement = (a: Agreement): FieldErrors => fieldErrors(AgreementSchema, a);
export const validateTermination = (t: Termination): FieldErrors => fieldErrors(TerminationSchema, t);
export const validateRejection = (r: Rejection): FieldErrors => fieldErrors(RejectionSchema, r);
export const validateParty = (p: Party): FieldErrors => fieldErrors(PartySchema, p);
