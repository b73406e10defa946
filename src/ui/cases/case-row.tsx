// One line of the case list: label, chips, category and 受理 date, masked party names.

import type { CaseRecord } from '../../shared/case.ts';
import { maskName } from '../../shared/case.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatDate } from '../format.ts';
import { categoryName } from '../case-text.ts';
import { PendingBadge, ReviewChip, StatusChip } from '../components/chips.tsx';
import { displayLabel } from './labels.ts';
import { knownPlaceName } from '../../state/areas.ts';

export function maskedParties(record: CaseRecord): string {
  const names = (role: '申请人' | '被申请人') =>
    record.private.parties.filter((p) => p.role === role).map((p) => maskName(p.name)).join('、');
  return t('list.parties', { applicants: names('申请人'), respondents: names('被申请人') });
}

export function CaseRow(p: { record: CaseRecord; pending: number }) {
  const r = p.record;
  const place = knownPlaceName(r.villageCode);
  return (
    <a class="case-row" href={`/cases/${r.id}`} data-testid="case-row" data-case-id={r.id}>
      <span class="case-row-top">
        <strong class="case-label">{displayLabel(r)}</strong>
        <span class="chips">
          <StatusChip status={r.status} />
          {r.needsReview && <ReviewChip />}
          <PendingBadge n={p.pending} />
        </span>
      </span>
      <span class="case-row-parties">{maskedParties(r)}</span>
      <span class="case-row-meta">
        {categoryName(r.categoryCode)} · {t('list.acceptedOn', { date: formatDate(r.acceptedOn) })}
      </span>
      {place && <span class="case-row-meta" data-testid="case-row-place">{place}</span>}
    </a>
  );
}
