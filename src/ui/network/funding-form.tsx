// 经费与补贴 of a committee (组织队伍): the year's 人民调解工作经费 and the mediators' 补贴 in 元,
// typed as people write sums (money.ts) and kept in 分; the report prints them in 万元.
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { amountInFigures, parseAmount } from '../../shared/money.ts';
import { saveFunding, type RegistryCommittee, type RemoteError } from '../../state/dashboard.ts';
import { TextField } from '../components/fields.tsx';

export function FundingForm(p: { committee: RegistryCommittee; onSaved: () => void }) {
  const c = p.committee;
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const stored = c.funding.find((f) => String(f.year) === year);
  const [funding, setFunding] = useState(stored ? String(stored.fundingCents / 100) : '');
  const [subsidy, setSubsidy] = useState(stored ? String(stored.subsidyCents / 100) : '');
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const pick = (next: string) => {
    setYear(next);
    const row = c.funding.find((f) => String(f.year) === next);
    setFunding(row ? String(row.fundingCents / 100) : '');
    setSubsidy(row ? String(row.subsidyCents / 100) : '');
  };
  const submit = (ev: Event) => {
    ev.preventDefault();
    const a = funding.trim() === '' ? 0 : parseAmount(funding);
    const b = subsidy.trim() === '' ? 0 : parseAmount(subsidy);
    if (a === undefined || b === undefined || !/^\d{4}$/.test(year)) return setMessage({ text: t('net.funding.invalid'), error: true });
    saveFunding(c.id, { year: Number(year), fundingCents: Math.round(a * 100), subsidyCents: Math.round(b * 100) }).then(
      () => {
        setMessage({ text: `${t('net.funding.saved', { year })}：${amountInFigures(a)} / ${amountInFigures(b)}`, error: false });
        p.onSaved();
      },
      (e: RemoteError) => setMessage({ text: e.message, error: true }),
    );
  };
  return (
    <form class="card funding-form" onSubmit={submit} noValidate data-testid="funding-form">
      <h3>{t('net.funding')}</h3>
      <TextField id={`${c.id}-funding-year`} inputMode="numeric" label={t('net.funding.year')} value={year} onInput={pick} />
      <TextField id={`${c.id}-funding`} inputMode="decimal" label={t('net.funding.amount')} value={funding} onInput={setFunding} />
      <TextField id={`${c.id}-subsidy`} inputMode="decimal" label={t('net.funding.subsidy')} value={subsidy} onInput={setSubsidy} />
      <button type="submit" class="button primary" data-testid="save-funding">{t('net.funding.save')}</button>
      {message && <p class={message.error ? 'error' : 'notice'} role={message.error ? 'alert' : 'status'} data-testid="funding-message">{message.text}</p>}
    </form>
  );
}
