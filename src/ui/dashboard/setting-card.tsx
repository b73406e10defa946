// One county setting on the dashboard (表号, 移交接收期限): a labelled field read from the server,
// saved with 保存, and the server's answer (已保存, or its sentence saying what to fix) below.
import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t } from '../../shared/i18n/index.ts';
import { useRemote, type RemoteError } from '../../state/dashboard.ts';

export function SettingCard(p: {
  id: string;
  label: string;
  hint: string;
  /** Where the value comes from, and the key that says when to read it again. */
  load: () => Promise<string>;
  loadKey: string;
  save: (value: string) => Promise<unknown>;
  input?: Pick<JSX.InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'min' | 'max' | 'maxLength'>;
}) {
  const remote = useRemote(p.load, p.loadKey);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (remote.value !== undefined) setValue(remote.value);
  }, [remote.value]);
  const submit = (ev: Event) => {
    ev.preventDefault();
    setMessage('');
    p.save(value).then(() => setMessage(t('common.saved')), (e: RemoteError) => setMessage(e.message));
  };
  return (
    <form class="card" onSubmit={submit} noValidate data-testid={p.id}>
      <label class="field">
        {p.label}
        <input {...p.input} value={value} onInput={(e) => setValue(e.currentTarget.value)} data-testid={`${p.id}-input`} aria-describedby={`${p.id}-hint`} />
      </label>
      <p id={`${p.id}-hint`} class="muted small">{p.hint}</p>
      <button type="submit" class="button primary" data-testid={`${p.id}-save`}>{t('common.save')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
