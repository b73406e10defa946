// /help — where a resident gets help: pick the village (town → village, or search by name), see
// its 调委会 and the town's 司法所, and send a 申请调解. Public, and usable offline: contacts come
// from the last saved answer, and the request waits in the phone's queue.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { chooseHelpVillage, contacts, helpVillage, restoreHelpVillage } from '../../state/area-contacts.ts';
import { VillagePicker } from '../setup/village-picker.tsx';
import { ContactsCard } from './contacts-card.tsx';
import { RequestForm } from './request-form.tsx';
import { useTitle } from './use-title.ts';
import { MyRequests } from './my-requests.tsx';
import './guides.css';

export function HelpScreen() {
  useTitle(t('help.title'));
  // The picker reads its starting village once, so it waits for the remembered one (a quick read).
  const [isRestored, setRestored] = useState(false);
  useEffect(() => void restoreHelpVillage().finally(() => setRestored(true)), []);
  const villageCode = helpVillage.value;

  return (
    <section class="help" lang="zh-CN">
      <h1>{t('help.title')}</h1>
      <p>{t('help.intro')}</p>
      <div class="emergency">
        <p>{t('help.emergency')}</p>
        {/* A big tap-to-call button: in an emergency nobody should have to copy a number. */}
        <a class="button call" href="tel:110">{t('help.emergency.call')}</a>
      </div>
      <MyRequests />
      {/* The picker fills in as the remembered village and the county's names arrive: its place is
          kept from the first paint, so the 申请调解 form below does not jump down (layout shift). */}
      <div class={villageCode ? 'help-picker' : 'help-picker reserved'}>
        {isRestored && <VillagePicker value={villageCode} onChange={(code) => void chooseHelpVillage(code)} />}
      </div>
      {villageCode && contacts.value.villageCode === villageCode && <ContactsCard view={contacts.value} />}
      <section class="request" aria-labelledby="request-title">
        <h2 id="request-title">{t('help.form.title')}</h2>
        <p>{t('help.form.intro')}</p>
        {/* In the prerendered page too, closed to typing until the app runs (request-form.tsx). */}
        <RequestForm villageCode={villageCode} />
      </section>
    </section>
  );
}
