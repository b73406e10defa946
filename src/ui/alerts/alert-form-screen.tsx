// 上报 a 重大/疑难 dispute from a case (?case=) or a 排查 finding (?screening=&finding=). The reporter
// ticks what is happening; the grade the catalogue's rules give is preselected and may be raised,
// never lowered (shared/alerts.ts gradeFor; the server checks the same). Saved on the phone and
// sent with the next sync; the town and county see it in their inbox at once after that.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../../shared/i18n/index.ts';
import { alertGrades, alertReasons, gradeFor, type AlertGrade, type AlertReason } from '../../shared/alerts.ts';
import { raiseAlert, useScreening } from '../../state/screening.ts';
import { useCase } from '../../state/case-queries.ts';
import { showFlash } from '../../state/flash.ts';
import { ChoiceGroup, TextField } from '../components/fields.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import '../screening/screening.css';

export function AlertFormScreen() {
  const { query, route } = useLocation();
  const caseId = query.case ?? null;
  const screeningId = caseId ? null : (query.screening ?? null);
  const findingId = screeningId ? (query.finding ?? null) : null;
  const record = useCase(caseId ?? '');
  const screening = useScreening(screeningId ?? '');
  const finding = screening.value?.findings.find((f) => f.id === findingId);
  const areaCode = caseId ? record.value?.villageCode : screening.value?.areaCode;
  const [reasons, setReasons] = useState<AlertReason[]>([]);
  const [persons, setPersons] = useState(2);
  const [summary, setSummary] = useState('');
  const [grade, setGrade] = useState<AlertGrade | ''>('');
  const submit = useSubmit();
  const suggested = gradeFor(reasons, persons);
  useEffect(() => {
    if (finding) {
      setSummary((s) => s || finding.summary);
      setPersons(finding.persons || 2);
    }
  }, [finding?.id]);

  const toggle = (r: AlertReason) => setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    void submit.run(async () => {
      if (!areaCode) throw new Error(t('alert.sourceMissing'));
      const saved = await raiseAlert({ grade: grade || suggested, reasons, persons, summary, caseId, screeningId, findingId, areaCode });
      showFlash(t('alert.raised', { grade: t(`alert.grade.${saved.grade}`) }));
      route(caseId ? `/cases/${caseId}` : screeningId ? `/screening/${screeningId}` : '/alerts');
    });
  };

  return (
    <form class="screen form" noValidate ref={submit.formRef} onSubmit={onSubmit} aria-labelledby="alert-form-title">
      <h1 id="alert-form-title">{t('alert.raise')}</h1>
      <fieldset class="field choice" id="reasons">
        <legend>{t('alert.reasons')}<span class="req" aria-hidden="true">＊</span></legend>
        {alertReasons.map((r) => (
          <label key={r} class="check">
            <input type="checkbox" name="reasons" value={r} checked={reasons.includes(r)} onChange={() => toggle(r)} data-testid={`reason-${r}`} />
            <span>{t(`alert.reason.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      <TextField
        id="persons" inputMode="numeric" label={t('alert.persons')} value={String(persons)}
        onInput={(v) => setPersons(Math.max(0, Math.min(99999, Number(v.replace(/\D/g, '')) || 0)))}
      />
      <TextField id="summary" rows={3} label={t('alert.summary')} required value={summary} onInput={setSummary} />
      <p class="notice" data-testid="alert-suggested">{t('alert.suggested', { grade: t(`alert.grade.${suggested}`) })}</p>
      <ChoiceGroup
        id="grade" label={t('alert.grade')} hint={t('alert.rule.raise')} value={grade || suggested} layout="chips"
        choices={alertGrades.map((g) => ({ value: g, label: t(`alert.grade.${g}`) }))} onChange={setGrade}
      />
      <ul class="alert-rules small muted">
        <li>{t('alert.rule.red')}</li>
        <li>{t('alert.rule.orange')}</li>
        <li>{t('alert.rule.yellow')}</li>
      </ul>
      <FormFooter label={t('alert.submit')} busy={submit.busy} failure={submit.failure} testId="alert-submit" />
    </form>
  );
}
