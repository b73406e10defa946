// 表号 on the desk (server/stats/form-number.ts): the county's 司法局 (or a province server's
// administrator) records the number its province gives the statistics form; the report's footer
// prints it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { loadFormNumber, saveFormNumber, useRemote, type RemoteError } from '../../state/dashboard.ts';

export function FormNumberSetting(p: { area: string }) {
  const remote = useRemote(() => loadFormNumber(p.area), `form-no|${p.area}`);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (remote.value) setValue(remote.value.formNo);
  }, [remote.value]);
  const submit = (ev: Event) => {
    ev.preventDefault();
    setMessage('');
    saveFormNumber(p.area, value).then(() => setMessage(t('common.saved')), (e: RemoteError) => setMessage(e.message));
  };
  return (
    <form class="card" onSubmit={submit} noValidate data-testid="form-number">
      <label class="field">
        {t('report.formNo.label')}
        <input value={value} maxLength={40} onInput={(e) => setValue(e.currentTarget.value)} data-testid="form-number-input" aria-describedby="form-number-hint" />
      </label>
      <p id="form-number-hint" class="muted small">{t('report.formNo.hint')}</p>
      <button type="submit" class="button primary" data-testid="form-number-save">{t('common.save')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
