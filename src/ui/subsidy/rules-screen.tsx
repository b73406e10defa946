// 补贴规则: what the county pays per successful case (by difficulty, or by category where set),
// the 卷宗 checklist with its points, the pass mark and how the amount follows the score, and the
// training hours a mediator owes each year (调解员考核). County staff edit; town staff read.
// Amounts are typed in 元 as people write them and kept in 分 (money.ts parses them).
import { useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import { categories } from '../../shared/categories.ts';
import { t } from '../../shared/i18n/index.ts';
import { amountInFigures } from '../../shared/money.ts';
import { centsOf, difficulties, paymentModes, yuanOf, type Difficulty, type PaymentMode, type StoredRules, type SubsidyRules } from '../../shared/subsidy.ts';
import { RemoteError, useRemote } from '../../state/dashboard.ts';
import { loadRules, saveRules, type RulesLogEntry } from '../../state/subsidy.ts';
import { session } from '../../state/session.ts';
import { formatInstant } from '../format.ts';
import '../desk/desk.css';
import './subsidy.css';

export function RulesScreen() {
  const me = session.value?.me;
  const remote = useRemote(() => loadRules(), 'rules');
  if (!me || me.role === 'mediator') return <section class="screen"><h1>{t('subsidy.rules.title')}</h1><p>{t('dash.staffOnly')}</p></section>;
  const canEdit = me.role === 'county' || me.role === 'admin';
  return (
    <section class="screen rules-screen" aria-labelledby="rules-title">
      <a class="back" href="/subsidy">‹ {t('subsidy.score.back')}</a>
      <h1 id="rules-title">{t('subsidy.rules.title')}</h1>
      <p class="muted">{t('subsidy.rules.intro')}</p>
      {!canEdit && <p class="notice">{t('subsidy.rules.countyOnly')}</p>}
      {remote.error && <p class="error" role="alert">{remote.error.message}</p>}
      {remote.value && <RulesForm key={remote.value.rules.version} rules={remote.value.rules} log={remote.value.log} canEdit={canEdit} onSaved={remote.reload} />}
    </section>
  );
}

const yuanText = (cents: number) => (cents === 0 ? '' : String(yuanOf(cents)));

interface ItemDraft {
  id: string;
  label: string;
  points: string;
}

function RulesForm(p: { rules: StoredRules; log: RulesLogEntry[]; canEdit: boolean; onSaved: () => void }) {
  const r = p.rules;
  const [amounts, setAmounts] = useState<Record<Difficulty, string>>({ 简易: yuanText(r.byDifficulty.简易), 一般: yuanText(r.byDifficulty.一般), 疑难: yuanText(r.byDifficulty.疑难) });
  const [byCategory, setByCategory] = useState<{ code: string; amount: string }[]>(Object.entries(r.byCategory).map(([code, c]) => ({ code, amount: yuanText(c) })));
  const [items, setItems] = useState<ItemDraft[]>(r.checklist.map((i) => ({ id: i.id, label: i.label, points: String(i.points) })));
  const [pass, setPass] = useState(String(r.passPercent));
  const [payment, setPayment] = useState<PaymentMode>(r.payment);
  const [hours, setHours] = useState(String(r.trainingHoursPerYear));
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const county = r.countyCode;

  const build = (): SubsidyRules | string => {
    const money = (text: string, what: string): number | string => (text.trim() === '' ? 0 : centsOf(text) ?? t('subsidy.rules.amountInvalid', { what }));
    const byDifficulty = {} as Record<Difficulty, number>;
    for (const d of difficulties) {
      const c = money(amounts[d], d);
      if (typeof c === 'string') return c;
      byDifficulty[d] = c;
    }
    const cats: Record<string, number> = {};
    for (const row of byCategory) {
      const name = categories.find((c) => c.code === row.code)?.name ?? row.code;
      const c = money(row.amount, name);
      if (typeof c === 'string') return c;
      cats[row.code] = c;
    }
    const checklist = [];
    for (const [i, item] of items.entries()) {
      const points = Number(item.points);
      if (item.label.trim() === '' || !Number.isInteger(points) || points < 1 || points > 100) return t('subsidy.rules.itemInvalid', { n: i + 1 });
      checklist.push({ id: item.id, label: item.label.trim(), points });
    }
    return { byDifficulty, byCategory: cats, checklist, passPercent: Math.min(100, Math.max(0, Math.round(Number(pass) || 0))), payment, trainingHoursPerYear: Math.max(0, Number(hours) || 0) };
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const rules = build();
    if (typeof rules === 'string') return setMessage({ text: rules, error: true });
    try {
      const saved = await saveRules(county, rules);
      setMessage({ text: t('subsidy.rules.saved', { version: saved.version }), error: false });
      p.onSaved();
    } catch (error) {
      setMessage({ text: error instanceof RemoteError ? error.message : String(error), error: true });
    }
  };

  return (
    <form class="rules-form" onSubmit={(e) => void submit(e)} data-testid="rules-form">
      <p class="muted" data-testid="rules-version">{r.version === 0 ? t('subsidy.rules.never') : t('subsidy.rules.version', { version: r.version, at: formatInstant(r.updatedAt ?? ''), by: r.updatedBy ?? '' })}</p>
      <fieldset disabled={!p.canEdit}>
        <legend>{t('subsidy.rules.amounts')}</legend>
        <div class="rules-grid">
          {difficulties.map((d) => (
            <label key={d}>{d}
              <input inputMode="decimal" value={amounts[d]} data-testid={`rules-amount-${d}`} onInput={(e) => setAmounts({ ...amounts, [d]: e.currentTarget.value })}
                aria-describedby={`rules-amount-${d}-hint`} />
              <span id={`rules-amount-${d}-hint`} class="muted small">{amounts[d] && centsOf(amounts[d]) !== undefined ? amountInFigures(yuanOf(centsOf(amounts[d]) ?? 0)) : ''}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={!p.canEdit}>
        <legend>{t('subsidy.rules.byCategory')}</legend>
        {byCategory.map((row, i) => {
          const name = categories.find((c) => c.code === row.code)?.name ?? row.code;
          return (
            <div class="rules-row" key={i}>
              <label class="grow">{t('subsidy.rules.category')}
                <select value={row.code} onChange={(e) => setByCategory(byCategory.map((x, j) => (j === i ? { ...x, code: e.currentTarget.value } : x)))}>
                  {categories.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
                </select>
              </label>
              <label>{t('subsidy.col.base')}
                <input inputMode="decimal" value={row.amount} onInput={(e) => setByCategory(byCategory.map((x, j) => (j === i ? { ...x, amount: e.currentTarget.value } : x)))} />
              </label>
              <button type="button" class="button secondary" onClick={() => setByCategory(byCategory.filter((_, j) => j !== i))}>{t('subsidy.rules.removeCategory', { name })}</button>
            </div>
          );
        })}
        <button type="button" class="button secondary" onClick={() => setByCategory([...byCategory, { code: categories.find((c) => !byCategory.some((x) => x.code === c.code))?.code ?? '01', amount: '' }])}>{t('subsidy.rules.addCategory')}</button>
      </fieldset>
      <fieldset disabled={!p.canEdit}>
        <legend>{t('subsidy.rules.checklist')}</legend>
        {items.map((item, i) => (
          <div class="rules-row" key={item.id}>
            <label class="grow">{t('subsidy.rules.item', { n: i + 1 })}
              <input value={item.label} maxLength={100} data-testid={`rules-item-${i}`} onInput={(e) => setItems(items.map((x, j) => (j === i ? { ...x, label: e.currentTarget.value } : x)))} />
            </label>
            <label>{t('subsidy.rules.itemPoints')}
              <input inputMode="numeric" value={item.points} size={4} data-testid={`rules-points-${i}`} onInput={(e) => setItems(items.map((x, j) => (j === i ? { ...x, points: e.currentTarget.value } : x)))} />
            </label>
            <button type="button" class="button secondary" onClick={() => setItems(items.filter((_, j) => j !== i))}>{t('subsidy.rules.removeItem', { n: i + 1 })}</button>
          </div>
        ))}
        <button type="button" class="button secondary" data-testid="rules-add-item" onClick={() => setItems([...items, { id: uuidv7().slice(-12), label: '', points: '10' }])}>{t('subsidy.rules.addItem')}</button>
      </fieldset>
      <fieldset disabled={!p.canEdit}>
        <div class="rules-grid">
          <label>{t('subsidy.rules.pass')}<input inputMode="numeric" value={pass} onInput={(e) => setPass(e.currentTarget.value)} data-testid="rules-pass" /></label>
          <label>{t('subsidy.rules.payment')}
            <select value={payment} onChange={(e) => setPayment(e.currentTarget.value as PaymentMode)} data-testid="rules-payment">
              {paymentModes.map((m) => <option key={m} value={m}>{t(m === 'full' ? 'subsidy.payment.full' : 'subsidy.payment.proportional')}</option>)}
            </select>
          </label>
          <label>{t('subsidy.rules.training')}<input inputMode="decimal" value={hours} onInput={(e) => setHours(e.currentTarget.value)} data-testid="rules-training" /></label>
        </div>
      </fieldset>
      {p.canEdit && <button type="submit" class="button" data-testid="rules-save">{t('subsidy.rules.save')}</button>}
      <p class={message?.error ? 'error' : 'notice'} role="status" data-testid="rules-message" hidden={!message}>{message?.text}</p>
      {p.log.length > 0 && (
        <>
          <h2>{t('subsidy.rules.history')}</h2>
          <ul class="plain">{p.log.map((e) => <li key={e.at}>{formatInstant(e.at)} · {e.by} · {e.target}</li>)}</ul>
        </>
      )}
    </form>
  );
}
