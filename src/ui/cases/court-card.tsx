// 诉调对接 on the case screen: the court's reference, the days left before its deadline while the
// mediation runs, then the letter back to the court (调解结果告知函 / 调解终结说明) with the day it
// was sent, and — for an agreement — the 司法确认 the parties may ask of that same court within
// 30 days (人民调解法 Art 33).

import { useState } from 'preact/hooks';
import type { CaseRecord } from '../../shared/case.ts';
import { courtDaysLeft, isCourtSource } from '../../shared/court.ts';
import { t } from '../../shared/i18n/index.ts';
import { isOpen } from '../../shared/lifecycle.ts';
import { writeContext } from '../../state/app-state.ts';
import { recordCourtReturn } from '../../state/actions.ts';
import { showFlash } from '../../state/flash.ts';
import { TextField } from '../components/fields.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { formatDate, today } from '../format.ts';

function deadlineLine(days: number): { text: string; urgent: boolean } {
  if (days < 0) return { text: t('court.card.overdue', { days: -days }), urgent: true };
  if (days === 0) return { text: t('court.card.dueToday'), urgent: true };
  return { text: t('court.card.daysLeft', { days }), urgent: days <= 5 };
}

export function CourtCard(p: { record: CaseRecord }) {
  const r = p.record;
  const c = r.court;
  const day = today();
  const [returnedOn, setReturnedOn] = useState(day);
  const submit = useSubmit();
  if (!c || !isCourtSource(r.source)) return null;
  const ended = r.outcome === 'success' || r.outcome === 'failure';
  const docId = r.outcome === 'failure' ? 'court-ending' : 'court-result';
  const title = t(`doc.title.${docId}`);
  const due = deadlineLine(courtDaysLeft(c, day));
  const canWrite = !r.voided && r.status !== 'archived';
  const offersConfirmation = r.outcome === 'success' && r.agreement?.form === '书面' && !r.judicialConfirmation && canWrite;
  const onSave = (ev: Event) => {
    ev.preventDefault();
    void submit.run(async () => {
      await recordCourtReturn(writeContext(), r.id, returnedOn);
      showFlash(t('court.card.saved'));
    });
  };
  return (
    <section class="card" aria-labelledby="court-h" data-testid="court-card">
      <h2 id="court-h">{t('court.card.title')}</h2>
      <p>{t('court.card.kind', { source: t(`source.${r.source}`), court: c.court })}</p>
      <p data-testid="court-case-no">{t('court.card.caseNo', { no: c.caseNo })}</p>
      <p class="muted small">
        {t('court.card.judge', { judge: c.judge })} · {t('court.card.referred', { label: t(`court.referredOn.${r.source}`), date: formatDate(c.referredOn) })}
      </p>
      <p>{t('court.card.deadline', { date: formatDate(c.deadline) })}</p>
      {isOpen(r.status) && <p class={due.urgent ? 'warning' : 'muted'} data-testid="court-days-left">{due.text}</p>}
      {ended && (
        <>
          {c.returnedOn
            ? <p data-testid="court-returned">{t('court.card.returned', { date: formatDate(c.returnedOn) })}</p>
            : <p class="warning">{t('court.card.toReturn', { title })}</p>}
          <a class="button" href={`/cases/${r.id}/documents/${docId}`} data-testid="court-doc-link">{t('court.card.print', { title })}</a>
          {!c.returnedOn && canWrite && (
            <form class="form" noValidate ref={submit.formRef} onSubmit={onSave}>
              <TextField
                id="court.returnedOn" type="date" label={t('court.card.returnedOn')} required max={day} value={returnedOn}
                error={submit.fields['court.returnedOn']} onInput={setReturnedOn}
              />
              {submit.failure && <p class="error" role="alert">{submit.failure.message}</p>}
              <button type="submit" class="button primary" disabled={submit.busy} data-testid="court-mark-returned">{t('court.card.markReturned')}</button>
            </form>
          )}
        </>
      )}
      {offersConfirmation && (
        <>
          <p data-testid="court-confirmation">{t('court.card.confirmation', { court: c.court })}</p>
          <a class="button" href={`/cases/${r.id}/confirmation`}>{t('court.card.confirmationAction')}</a>
        </>
      )}
    </section>
  );
}
