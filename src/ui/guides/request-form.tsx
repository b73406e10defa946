// The 申请调解 form. It works with no signal: the request goes into the phone's queue first, and
// the answer says honestly which happened — "已提交" (the server has it) or "已保存，有网络时自动
// 发送" (it is waiting on this phone). The village comes from the picker above the form.

import { useEffect, useState } from 'preact/hooks';
import * as v from 'valibot';
import { t } from '../../shared/i18n/index.ts';
import { MediationRequestFieldsSchema } from '../../shared/public-api.ts';
import { fieldErrors, type FieldErrors } from '../../shared/validation.ts';
import { queuedRequestCount, submitMediationRequest, type SubmitOutcome } from '../../state/mediation-requests.ts';
import { ChoiceGroup, FieldError, TextArea, TextField, type Choice } from '../components/fields.tsx';
import { placeName } from '../../state/places.ts';
import { contacts } from '../../state/area-contacts.ts';

// The kinds of trouble residents bring most, in their words; 其他 catches the rest.
const CATEGORIES = ['01', '02', '03', '04', '06', '07', '09', '10.1', '13', '14', '15'] as const;
type RequestCategory = (typeof CATEGORIES)[number];
const choices: Choice<RequestCategory>[] = CATEGORIES.map((code) => ({ value: code, label: t(`help.cat.${code}`) }));

const empty = { applicantName: '', phone: '', otherParty: '', categoryCode: '' as RequestCategory | '', facts: '', intakePoint: '' };

export function RequestForm(p: { villageCode: string }) {
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome | 'failed' | undefined>(undefined);
  // Prerendered with /help, so its text is laid out before the first paint rather than after it
  // (issue #13: that layout was /help's longest task), but closed to typing until the app has
  // taken the page over: text typed into the static page would be lost. Opened by the first
  // effect, in a render of its own (a hydrated attribute is only changed by a later render).
  const [isLive, setLive] = useState(false);
  useEffect(() => setLive(true), []);
  const edit = (patch: Partial<typeof empty>) => setForm((f) => ({ ...f, ...patch }));
  const view = contacts.value;
  const points = (view.status === 'fresh' || view.status === 'cached') && view.villageCode === p.villageCode ? (view.contacts.intakePoints ?? []) : [];

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    // 评理说事点: only a point of the chosen village (the picker may have changed since it was picked).
    const { intakePoint, ...rest } = form;
    const value = { ...rest, villageCode: p.villageCode, ...(intakePoint && points.some((x) => x.name === intakePoint) ? { intakePoint } : {}) };
    const parsed = v.safeParse(MediationRequestFieldsSchema, value);
    setErrors(parsed.success ? {} : fieldErrors(MediationRequestFieldsSchema, value));
    if (!parsed.success) return focusFirstInvalid();
    setBusy(true);
    try {
      setOutcome(await submitMediationRequest(parsed.output)); // trimmed by the schema
      setForm(empty);
    } catch {
      setOutcome('failed');
    } finally {
      setBusy(false);
    }
  }

  if (outcome === 'sent' || outcome === 'queued') {
    // A queued request goes out by itself once the phone is online: say so when it has.
    const shown = outcome === 'queued' && queuedRequestCount.value > 0 ? 'queued' : 'sent';
    return (
      <div class={`request-outcome ${shown}`} data-testid="request-outcome">
        <p role="status">{t(shown === 'sent' ? 'help.form.sent' : 'help.form.queued')}</p>
        <button type="button" class="button" onClick={() => setOutcome(undefined)}>{t('help.form.another')}</button>
      </div>
    );
  }

  return (
    <form class="request-form" noValidate onSubmit={(e) => void submit(e)} data-testid="request-form">
      <fieldset class="request-fields" disabled={!isLive}>
        <div class={errors.villageCode ? 'field has-error' : 'field'}>
          <p class="picked-village" id="request-village" tabIndex={-1} aria-invalid={errors.villageCode ? 'true' : undefined} aria-describedby={errors.villageCode ? 'request-village-error' : undefined} data-testid="request-village">
            {t('help.form.village')}：<strong>{p.villageCode ? placeName(p.villageCode) : t('help.form.village.none')}</strong>
          </p>
          <FieldError id="request-village" error={errors.villageCode} />
        </div>
        <TextField id="applicantName" label={t('help.form.name')} required autoComplete="name" maxLength={50} value={form.applicantName} error={errors.applicantName} onInput={(x) => edit({ applicantName: x })} />
        <TextField
          id="phone"
          type="tel"
          inputMode="tel"
          label={t('help.form.phone')}
          hint={t('help.form.phone.hint')}
          required
          autoComplete="tel"
          maxLength={11}
          value={form.phone}
          error={errors.phone}
          onInput={(x) => edit({ phone: x.replace(/\D/g, '') })}
        />
        <TextField id="otherParty" label={`${t('help.form.otherParty')}（${t('common.optional')}）`} maxLength={50} value={form.otherParty} error={errors.otherParty} onInput={(x) => edit({ otherParty: x })} />
        <ChoiceGroup id="categoryCode" label={t('help.form.category')} required layout="grid" choices={choices} value={form.categoryCode} error={errors.categoryCode} onChange={(x) => edit({ categoryCode: x })} />
        <TextArea id="facts" label={t('help.form.facts')} hint={t('help.form.facts.hint')} required rows={5} value={form.facts} error={errors.facts} onInput={(x) => edit({ facts: x })} />
        {points.length > 0 && (
          <ChoiceGroup
            id="intakePoint" label={t('help.form.intakePoint')} layout="chips" value={form.intakePoint}
            choices={[{ value: '', label: t('help.form.intakePoint.none') }, ...points.map((x) => ({ value: x.name, label: x.name }))]}
            onChange={(x) => edit({ intakePoint: x })}
          />
        )}
        <p class="privacy">{t('help.form.privacy')}</p>
        <div role="alert" class="form-error">
          {outcome === 'failed' ? <p>{t('help.form.saveFailed')}</p> : Object.keys(errors).length > 0 ? <p>{t('help.form.fixErrors')}</p> : null}
        </div>
        <button type="submit" class="button primary block" disabled={busy} data-testid="request-submit">
          {busy ? t('help.form.sending') : t('help.form.submit')}
        </button>
        {queuedRequestCount.value > 0 && <p class="queued-count">{t('help.form.pending', { n: queuedRequestCount.value })}</p>}
      </fieldset>
    </form>
  );
}

// The first invalid field gets focus. A missing village sends the resident up to the picker above
// the form (outside it), where the search box is the quickest way to choose.
function focusFirstInvalid(): void {
  requestAnimationFrame(() => {
    const first = document.querySelector<HTMLElement>('.help [aria-invalid="true"]');
    const el = first?.id === 'request-village' ? (document.getElementById('village-search') ?? first) : first;
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  });
}
