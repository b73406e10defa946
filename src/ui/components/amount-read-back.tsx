// Under an amount field: the figure the app read from what was typed ("5万" → "= 50,000 元"), or
// that it could not read it, so a misreading is seen before saving.
import { parseAmount } from '../../shared/amount.ts';
import { t } from '../../shared/i18n/index.ts';
import { formatYuan } from '../format.ts';

export function AmountReadBack(p: { text: string }) {
  if (p.text.trim() === '') return null;
  const yuan = parseAmount(p.text);
  return (
    <p class={yuan === undefined ? 'amount-read error' : 'amount-read'} aria-live="polite" data-testid="amount-read">
      {yuan === undefined ? t('amount.unreadable') : t('amount.readAs', { amount: formatYuan(yuan) })}
    </p>
  );
}
