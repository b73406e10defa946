// /contacts — 找调解员: pick the village (or the one picked last time) and see its 调委会, the
// people in the registry residents may call, and the town's 司法所. Works offline from the last answer.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';
import { chooseHelpVillage, contacts, helpVillage, restoreHelpVillage } from '../../state/area-contacts.ts';
import { VillagePicker } from '../setup/village-picker.tsx';
import { ContactsCard } from './contacts-card.tsx';
import { useTitle } from './use-title.ts';
import './guides.css';

export function ContactsScreen() {
  useTitle(t('contacts.title'));
  const [isRestored, setRestored] = useState(false);
  useEffect(() => void restoreHelpVillage().finally(() => setRestored(true)), []);
  const villageCode = helpVillage.value;
  return (
    <section class="help" lang="zh-CN" data-testid="contacts-screen">
      <h1>{t('contacts.title')}</h1>
      <p>{t('contacts.intro')}</p>
      {isRestored && <VillagePicker value={villageCode} onChange={(code) => void chooseHelpVillage(code)} />}
      {villageCode && contacts.value.villageCode === villageCode && <ContactsCard view={contacts.value} />}
      <p><a class="button block" href="/help">{t('publicHome.help')}</a></p>
    </section>
  );
}
