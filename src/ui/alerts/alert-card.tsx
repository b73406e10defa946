// One 上报 as the inbox and 待办 show it: grade, age, what and where it came from, who reported it,
// and whether someone at the town or county has acknowledged it (who and when).
import { t } from '../../shared/i18n/index.ts';
import { alertAgeHours, type AlertRecord } from '../../shared/alerts.ts';
import { formatInstant } from '../format.ts';
import { placeName } from '../../state/areas.ts';

export function ageText(reportedAt: string, now = new Date()): string {
  const hours = alertAgeHours(reportedAt, now);
  if (hours < 1) return t('alert.ageMinutes', { minutes: Math.max(1, Math.floor((now.getTime() - Date.parse(reportedAt)) / 60_000)) });
  return hours >= 48 ? t('alert.ageDays', { days: Math.floor(hours / 24) }) : t('alert.age', { hours });
}

export function GradeBadge(p: { grade: AlertRecord['grade'] }) {
  return <span class={`grade grade-${p.grade}`} data-testid="alert-grade">{t(`alert.grade.${p.grade}`)}</span>;
}

export function AlertCard(p: { a: AlertRecord; canAck: boolean; onAck: () => void; busy?: boolean }) {
  const { a } = p;
  return (
    <article class={`alert-item grade-line-${a.grade}`} data-testid="alert-item" data-grade={a.grade} data-acked={a.ack ? '1' : '0'}>
      <div class="alert-head">
        <GradeBadge grade={a.grade} />
        <strong>{placeName(a.areaCode)}</strong>
        <span class="muted" data-testid="alert-age">{ageText(a.reportedAt)}</span>
      </div>
      <p>{a.summary}</p>
      <p class="muted small">
        {a.reasons.map((r) => t(`alert.reason.${r}`)).join('、')} · {t('alert.persons')} {a.persons} · {a.reportedByName}
      </p>
      {/* Full-height links: the sweep's 44 px tap targets. */}
      {a.caseId ? <a class="button link" href={`/cases/${a.caseId}`}>{t('alert.from.case')} ›</a> : a.screeningId ? <a class="button link" href={`/screening/${a.screeningId}`}>{t('screening.title')} ›</a> : null}
      {a.ack ? (
        <p class="muted small" data-testid="alert-acked">{t('alert.acked', { name: a.ack.byName, at: formatInstant(a.ack.at) })}</p>
      ) : p.canAck ? (
        <button type="button" class="button primary" data-testid="alert-ack" disabled={p.busy} onClick={p.onAck}>{t('alert.ack')}</button>
      ) : (
        <p class="muted small">{t('alert.unacked')}</p>
      )}
    </article>
  );
}
