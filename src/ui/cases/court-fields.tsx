// The court's reference on the 受理/编辑 form (诉调对接, shared/court.ts), drawn under 案件来源 when
// it is 法院委派 or 法院委托: 法院名称, 法院案号 (checked as typed), 承办法官, the day the court
// handed the case over and its deadline. Offline like the rest of the form: nothing here asks the
// server.

import type { CourtForm } from '../../shared/fields/court-codec.ts';
import type { CourtSource } from '../../shared/court.ts';
import { t } from '../../shared/i18n/index.ts';
import type { FieldErrors } from '../../shared/validation.ts';
import { FieldError, TextField } from '../components/fields.tsx';

export function CourtFields(p: { source: CourtSource; values: CourtForm; errors: FieldErrors; onChange: (next: CourtForm) => void }) {
  const c = p.values;
  const e = p.errors;
  const set = (patch: Partial<CourtForm>) => p.onChange({ ...c, ...patch });
  return (
    <section class="field-group" aria-labelledby="court-title" data-testid="court-fields">
      <h2 id="court-title">{t('court.section')}</h2>
      <p class="muted small">{t('court.section.hint')}</p>
      <FieldError id="court" error={e.court} />
      <TextField id="court.court" label={t('court.name')} required value={c.court} error={e['court.court']} onInput={(court) => set({ court })} />
      <TextField
        id="court.caseNo" label={t('court.caseNo')} hint={t('court.caseNo.hint')} required value={c.caseNo} error={e['court.caseNo']}
        onInput={(caseNo) => set({ caseNo })}
      />
      <TextField id="court.judge" label={t('court.judge')} required value={c.judge} error={e['court.judge']} onInput={(judge) => set({ judge })} />
      <div class="row-2">
        <TextField
          id="court.referredOn" type="date" label={t(`court.referredOn.${p.source}`)} required value={c.referredOn} error={e['court.referredOn']}
          onInput={(referredOn) => set({ referredOn })}
        />
        <TextField
          id="court.deadline" type="date" label={t('court.deadline')} required value={c.deadline} error={e['court.deadline']}
          onInput={(deadline) => set({ deadline })}
        />
      </div>
    </section>
  );
}
