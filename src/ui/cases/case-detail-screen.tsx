// 案件详情: who, what, where; the deadlines that matter now; the outcome; what happened so far;
// and buttons for exactly the steps the lifecycle allows next.

import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { isDesk } from '../desk/desk-mode.ts';
import { useCase, useCaseEvents, usePendingByCase } from '../../state/case-queries.ts';
import { maskNames, readField, type CaseRecord } from '../../shared/case.ts';
import { codecOf, fieldLabelKey, moreFields } from '../../shared/fields/case-fields.ts';
import { remindersFor } from '../../shared/reminders.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatDate, today } from '../format.ts';
import { categoryName } from '../case-text.ts';
import { ReviewChip, StatusChip } from '../components/chips.tsx';
import { displayLabel } from './labels.ts';
import { actionLabel, actionsFor, primaryAction } from './case-actions.ts';
import { FlagsSummary, OutcomeRecord, PartyList, ReminderList } from './case-facts.tsx';
import { Timeline } from './timeline.tsx';
import { CaseReviewPanel } from '../review/case-review-panel.tsx';
import { AttachmentsSection } from '../attachments/attachments-section.tsx';
import { CaseNotReady } from './case-missing.tsx';
import { CourtCard } from './court-card.tsx';
import { CaseReferrals } from '../referrals/case-referrals.tsx';

export function CaseDetailScreen() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const live = useCase(id);
  if (!live.value) return <CaseNotReady live={live} />;
  return <CaseDetail record={live.value} />;
}

/** The list the case was opened from (a drill-down, a filtered desk list), else the home list. */
function backHref(back: string | undefined): string {
  if (back?.startsWith('/') && !back.startsWith('//')) return back;
  return isDesk() ? '/cases' : '/';
}

function CaseDetail(p: { record: CaseRecord }) {
  const r = p.record;
  const { query } = useLocation();
  const events = useCaseEvents(r.id);
  const pending = usePendingByCase([r.id]).get(r.id) ?? 0;
  const reminders = remindersFor(r, today());
  const actions = actionsFor(r);
  const primary = primaryAction(r);
  const canEditFlags = !r.voided && r.status !== 'archived';
  // One toggle for the whole screen: names are masked in 办理经过 and the agreement exactly as in 当事人.
  const [revealed, setRevealed] = useState(false);
  const names = r.private.parties.map((x) => x.name);
  const show = (text: string) => (revealed ? text : maskNames(text, names));

  return (
    <article class="screen detail" aria-labelledby="case-title">
      <a class="back" href={backHref(query.back)}>‹ {t('detail.back')}</a>
      <header class="case-head">
        <h1 id="case-title" data-testid="case-label">{displayLabel(r)}</h1>
        <div class="chips">
          <StatusChip status={r.status} />
          {r.needsReview && <ReviewChip />}
          {r.voided && <span class="chip voided">{t('case.voided')}</span>}
        </div>
        <p class="case-summary">{t('detail.summary', { category: categoryName(r.categoryCode), date: formatDate(r.acceptedOn) })}</p>
        {r.voided && <p class="warning">{t('detail.voided', { reason: r.voided.reason })}</p>}
        {pending > 0 && <p class="muted small">{t('detail.unsynced', { n: pending })}</p>}
      </header>

      <CaseReviewPanel caseId={r.id} />

      {reminders.length > 0 && (
        <section aria-labelledby="reminders-h">
          <h2 id="reminders-h" class="sr-only">{t('detail.reminders')}</h2>
          <ReminderList reminders={reminders} />
        </section>
      )}

      <CourtCard record={r} />

      {actions.length > 0 && (
        <section aria-labelledby="actions-h" class="actions">
          <h2 id="actions-h">{t('detail.actions')}</h2>
          {r.status === 'archived' && <p class="muted small">{t('detail.archived')}</p>}
          <div class="action-grid">
            {actions.filter((a) => a !== 'void').map((a) => (
              <a key={a} class={a === primary ? 'button primary' : 'button'} href={`/cases/${r.id}/${a}`} data-testid={`action-${a}`}>
                {t(actionLabel[a])}
              </a>
            ))}
          </div>
          {/* 作废 is not a next step: a quiet link, apart from the grid, for a mistaken registration. */}
          {actions.includes('void') && (
            <a class="button link" href={`/cases/${r.id}/void`} data-testid="action-void">{t('action.void')}</a>
          )}
        </section>
      )}

      <p>
        <a class="button link" href={`/cases/${r.id}/documents`} data-testid="documents-link">{t('docs.title')} ›</a>
        {/* 重大、疑难: reported upward to the town and county (alerts/alert-form-screen.tsx). */}
        <a class="button link" href={`/alerts/new?case=${r.id}`} data-testid="report-case">{t('alert.raise')} ›</a>
        {/* 移交 to the town's, the county's or a 派驻 committee (referrals/referral-form-screen.tsx). */}
        <CaseReferrals record={r} />
      </p>

      <OutcomeRecord record={r} show={show} />

      <section aria-labelledby="parties-h">
        <h2 id="parties-h">{t('detail.parties')}</h2>
        <PartyList record={r} revealed={revealed} onToggle={() => setRevealed(!revealed)} />
        <details class="facts">
          <summary>{t('detail.facts')}</summary>
          <p class="prose">{show(r.private.facts)}</p>
          {r.private.claims.length > 0 && (
            <>
              <h3>{t('detail.claims')}</h3>
              <ol>{r.private.claims.map((c, i) => <li key={i}>{show(c)}</li>)}</ol>
            </>
          )}
          {r.private.place && <p>{t('timeline.place', { text: r.private.place })}</p>}
        </details>
        <dl class="kv">
          <dt>{t('detail.source')}</dt><dd>{t(`source.${r.source}`)}</dd>
          <dt>{t('detail.mediators')}</dt><dd>{r.mediators.join('、')}</dd>
          <dt>{t('detail.committee')}</dt><dd>{r.committeeName}</dd>
          {/* Art 23 (三): the parties' choice, where it was recorded. */}
          {r.mediationPublic && <><dt>{t('field.mediationPublic')}</dt><dd data-testid="detail-mediationPublic">{t(`field.mediationPublic.${r.mediationPublic}`)}</dd></>}
          {moreFields.map(({ field }) => {
            // The forms' 更多信息, as the form shows each value; nothing when not recorded.
            const text = String(codecOf(field).encode(readField(r, field)));
            return text === '' ? null : <Fragment key={field}><dt>{t(fieldLabelKey(field))}</dt><dd data-testid={`detail-${field}`}>{text}</dd></Fragment>;
          })}
        </dl>
        {canEditFlags && <a class="button link" href={`/cases/${r.id}/edit`} data-testid="edit-case">{t('edit.link')}</a>}
      </section>

      <section aria-labelledby="flags-h" class="card">
        <h2 id="flags-h">{t('detail.flags')}</h2>
        <FlagsSummary record={r} />
        {canEditFlags && <a class="button link" href={`/cases/${r.id}/flags`} data-testid="edit-flags">{t('detail.flags.edit')}</a>}
      </section>

      <AttachmentsSection caseId={r.id} canAdd={!r.voided && r.status !== 'archived'} />

      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t('detail.timeline')}</h2>
        <Timeline events={events} show={show} />
      </section>
    </article>
  );
}
