// The parts of the case header: parties (masked until tapped), reminders, and the outcome record
// (agreement, termination, rejection, prevention flags).

import type { CaseRecord } from '../../shared/case.ts';
import { maskIdNumber, maskName, maskPhone } from '../../shared/case.ts';
import type { Reminder } from '../../shared/reminders.ts';
import { t, type MessageKey } from '../../shared/i18n/index.ts';
import { formatDate, formatYuan } from '../format.ts';
import { dueText, reminderText } from '../reminder-text.ts';
import { amountStated } from '../../shared/money.ts';
import { policeReportRelevant } from '../../shared/case-rules.ts';
import { followUpText } from './forms/follow-up-form.tsx';

/** Party names, phones and 身份证号 masked until `revealed`; the one toggle of the case screen. */
export function PartyList(p: { record: CaseRecord; revealed: boolean; onToggle: () => void }) {
  const revealed = p.revealed;
  const parties = p.record.private.parties;
  return (
    <div class="party-list">
      <ul>
        {parties.map((x) => (
          <li key={x.id}>
            <span class="role">{x.role}</span>
            <strong data-testid="party-name">{revealed ? x.name : maskName(x.name)}</strong>
            <span class="muted">
              {[x.gender, x.age !== undefined ? t('detail.age', { n: x.age }) : '', x.phone ? (revealed ? x.phone : maskPhone(x.phone)) : '', x.idNumber ? (revealed ? x.idNumber : maskIdNumber(x.idNumber)) : '']
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" class="button link" aria-pressed={revealed} onClick={p.onToggle} data-testid="reveal-parties">
        {revealed ? t('detail.hide') : t('detail.reveal')}
      </button>
    </div>
  );
}

export function ReminderList(p: { reminders: Reminder[] }) {
  if (p.reminders.length === 0) return null;
  return (
    <ul class="reminders" data-testid="reminders">
      {p.reminders.map((r) => (
        <li key={r.kind} class={r.daysLeft < 0 ? 'reminder overdue' : 'reminder'} data-kind={r.kind}>
          <span class="due">{r.daysLeft < 0 ? dueText(r) : t('remind.due', { date: formatDate(r.due) })}</span>
          <span>{reminderText(r)}</span>
          {r.risk && <span class="risk">{t(`reminder.confirmationRisk.${r.risk}`)}</span>}
        </li>
      ))}
    </ul>
  );
}

const flagKeys: { key: 'suicide' | 'criminal' | 'groupPetition' | 'groupFight'; label: MessageKey }[] = [
  { key: 'suicide', label: 'flags.suicide' },
  { key: 'criminal', label: 'flags.criminal' },
  { key: 'groupPetition', label: 'flags.groupPetition' },
  { key: 'groupFight', label: 'flags.groupFight' },
];
export { flagKeys };

export function FlagsSummary(p: { record: CaseRecord }) {
  const items = [
    ...(p.record.isDifficult ? [t('flags.difficult')] : []),
    ...flagKeys.filter((f) => p.record.prevention[f.key] > 0).map((f) => t('flags.item', { label: t(f.label), n: p.record.prevention[f.key] })),
    // Art 25: shown where it counts, as the 调解记录 prints it (only beside a 转刑事/械斗 flag).
    ...(p.record.policeReported === true && policeReportRelevant(p.record.prevention) ? [t('field.policeReported')] : []),
  ];
  return <p data-testid="flags-summary">{items.length > 0 ? items.join('；') : t('detail.flags.none')}</p>;
}

/** "2026-11-02 向××县人民法院申请；2026-11-12 确认有效" — the detail card and the 待核对 inbox. */
export function confirmationText(c: { appliedOn: string; court: string; result: string; decidedOn: string | null }): string {
  const applied = t('detail.confirmation.applied', { date: formatDate(c.appliedOn), court: c.court });
  return c.decidedOn ? `${applied}；${t('detail.confirmation.decided', { date: formatDate(c.decidedOn), result: c.result })}` : `${applied}；${c.result}`;
}

export function OutcomeRecord(p: { record: CaseRecord; show: (text: string) => string }) {
  const show = p.show;
  const { agreement, termination, rejection, judicialConfirmation, followUp } = p.record;
  return (
    <>
      {agreement && (
        <section class="card" aria-labelledby="agreement-title" data-testid="agreement">
          <h2 id="agreement-title">{t('detail.agreement')} · {t('detail.agreement.form', { form: agreement.form })}</h2>
          {agreement.liability && <p>{t('agreementForm.liability')}：{show(agreement.liability)}</p>}
          <ol class="terms">
            {agreement.terms.map((term, i) => <li key={i}>{show(term)}</li>)}
          </ol>
          {(agreement.money ?? []).length > 0 && (
            <ul class="terms" data-testid="agreement-money">
              {(agreement.money ?? []).map((m, i) => (
                <li key={i}>{show(t('doc.agreement.moneyTerm', { payer: m.payer, payee: m.payee, date: formatDate(m.deadline), amount: amountStated(m.amountYuan), method: m.method, place: m.place }))}</li>
              ))}
            </ul>
          )}
          {agreement.oralChosen && <p class="muted">{t('rules.oral.chosen')}</p>}
          <dl class="kv">
            <dt>{t('agreementForm.method')}</dt><dd>{agreement.performanceMethod}</dd>
            <dt>{t('agreementForm.deadline')}</dt><dd>{formatDate(agreement.performanceDeadline)}</dd>
            <dt>{t('stats.amount')}</dt><dd>{formatYuan(agreement.amountYuan)}</dd>
            <dt>{t('agreementForm.effectiveOn')}</dt><dd>{formatDate(agreement.effectiveOn)}</dd>
          </dl>
        </section>
      )}
      {judicialConfirmation && (
        <section class="card" aria-labelledby="confirmation-title" data-testid="confirmation">
          <h2 id="confirmation-title">{t('detail.confirmation')}</h2>
          <p>{confirmationText(judicialConfirmation)}</p>
        </section>
      )}
      {followUp && (followUp.urge || followUp.confirmationWaivedOn) && (
        <section class="card" aria-labelledby="followup-title" data-testid="follow-up">
          <h2 id="followup-title">{t('action.followup')}</h2>
          <p>{show(followUpText(followUp))}</p>
        </section>
      )}
      {termination && (
        <section class="card" aria-labelledby="termination-title">
          <h2 id="termination-title">{t('detail.termination')}</h2>
          <p>{show(termination.reason)}</p>
          {termination.otherRoutesTold && <p class="muted">✓ {t('detail.termination.told')}</p>}
        </section>
      )}
      {rejection && (
        <section class="card" aria-labelledby="rejection-title">
          <h2 id="rejection-title">{t('detail.rejection')}</h2>
          <p>{rejection.reason}{rejection.note ? `：${show(rejection.note)}` : ''}</p>
        </section>
      )}
    </>
  );
}
