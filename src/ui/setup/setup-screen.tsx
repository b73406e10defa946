// 我的 (/me): on first run, who the mediator is and which village's committee they work for — the
// profile that stamps every case until accounts exist. Later visits edit it.

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { pendingCount, profile, profileLoaded } from '../../state/app-state.ts';
import type { Profile } from '../../state/settings.ts';
import { updateProfile } from '../../state/profile.ts';
import { showFlash } from '../../state/flash.ts';
import { t } from '../../shared/i18n/index.ts';
import type { FieldErrors } from '../../shared/validation.ts';
import { TextField } from '../components/fields.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { committeeOf } from '../../state/areas.ts';
import { VillagePicker } from './village-picker.tsx';
import { lockNow } from '../../state/lock.ts';
import { AccountCard } from '../account/account-card.tsx';
import { DeviceStatus } from './device-status.tsx';
import { session } from '../../state/session.ts';

export function SetupScreen() {
  // Staff (司法所, 司法局) stamp no case with a village: their 我的 is the account and the device,
  // never the mediator's first-run 先填写您的姓名和所在的村.
  const role = session.value?.me.role;
  if (role !== undefined && role !== 'mediator') return <StaffMe />;
  // Wait for the stored profile, or a returning mediator would briefly see the first-run form.
  if (!profileLoaded.value) return <p class="screen muted">{t('common.loading')}</p>;
  return <SetupForm current={profile.value} />;
}

function StaffMe() {
  return (
    <section class="screen" aria-labelledby="setup-title" data-testid="staff-me">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <AccountCard />
      <DeviceCard />
    </section>
  );
}

function DeviceCard() {
  return (
    <section class="card" aria-labelledby="device-h">
      <h2 id="device-h">{t('setup.device')}</h2>
      <p>{pendingCount.value > 0 ? t('setup.pending', { n: pendingCount.value }) : t('setup.allSynced')}</p>
      <DeviceStatus />
      <p class="muted">{t('lock.now.hint')}</p>
      <button type="button" class="button" onClick={lockNow} data-testid="lock-now">
        {t('lock.now')}
      </button>
    </section>
  );
}

function SetupForm(p: { current: Profile | undefined }) {
  const { route } = useLocation();
  const current = p.current;
  const isFirstRun = current === undefined;
  const [name, setName] = useState(current?.name ?? '');
  const [villageCode, setVillageCode] = useState(current?.villageCode ?? '');
  const [committeeName, setCommitteeName] = useState(current?.committeeName ?? '');
  // The committee follows the village until the mediator types their own name for it.
  const [committeeEdited, setCommitteeEdited] = useState(current !== undefined);
  const submit = useSubmit();
  const e = submit.fields;

  const pickVillage = (code: string) => {
    setVillageCode(code);
    if (!committeeEdited) setCommitteeName(committeeOf(code));
  };

  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const errors: FieldErrors = {};
    if (name.trim() === '') errors.name = 'setup.name.required';
    if (villageCode === '') errors.villageCode = 'setup.village.required';
    if (committeeName.trim() === '') errors.committeeName = 'setup.committee.required';
    if (Object.keys(errors).length > 0) return submit.fail({ message: t('transition.invalid'), fields: errors });
    void submit.run(async () => {
      await updateProfile({ name: name.trim(), villageCode, committeeName: committeeName.trim() });
      showFlash(t('common.saved'));
      if (isFirstRun) route('/');
    });
  };

  return (
    <form class="screen form" noValidate ref={submit.formRef} onSubmit={onSubmit} aria-labelledby="setup-title">
      <h1 id="setup-title">{isFirstRun ? t('setup.welcome') : t('setup.title')}</h1>
      {isFirstRun && <p>{t('setup.intro')}</p>}
      {/* autocomplete off: Chromium would keep the name in clear in its session-restore files. */}
      <TextField id="name" label={t('setup.name')} required autoComplete="off" value={name} error={e.name} onInput={setName} />
      <VillagePicker value={villageCode} error={e.villageCode} onChange={pickVillage} />
      <TextField
        id="committeeName"
        label={t('setup.committee')}
        hint={t('setup.committee.hint')}
        required
        value={committeeName}
        error={e.committeeName}
        onInput={(value) => {
          setCommitteeName(value);
          setCommitteeEdited(true);
        }}
      />
      {!isFirstRun && <AccountCard />}
      {!isFirstRun && <DeviceCard />}
      <FormFooter label={isFirstRun ? t('setup.submitFirst') : t('common.save')} busy={submit.busy} failure={submit.failure} testId="submit" />
    </form>
  );
}
