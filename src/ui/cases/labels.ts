import type { CaseRecord } from '../../shared/case.ts';
import { t } from '../../shared/i18n/index.ts';

/** The server number once known, "待编号 临A3F2-0007" before the first sync. */
export function displayLabel(r: Pick<CaseRecord, 'caseNo' | 'provisionalNo'>): string {
  return r.caseNo ?? t('case.provisional', { label: r.provisionalNo });
}
