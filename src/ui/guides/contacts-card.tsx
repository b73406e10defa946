// The village's 调委会 and the town's 司法所 with whatever the registry knows about them. Names
// are always shown (they follow from the village); phone numbers only when the server gave them.

import { t } from '../../shared/i18n/index.ts';
import type { AreaContacts } from '../../shared/public-api.ts';
import type { ContactsView } from '../../state/area-contacts.ts';
import { areaName, committeeOf } from '../../state/places.ts';

export function ContactsCard(p: { view: ContactsView }) {
  const code = p.view.villageCode;
  const known: AreaContacts | undefined = 'contacts' in p.view ? p.view.contacts : undefined;
  const orgs = [
    { role: t('help.committee'), name: known?.committee?.name ?? committeeOf(code), org: known?.committee },
    { role: t('help.justiceOffice'), name: known?.justiceOffice?.name ?? `${areaName(code.slice(0, 9))}${t('help.justiceOfficeSuffix')}`, org: known?.justiceOffice },
  ];
  const people = known?.people ?? [];
  const hasPhone = orgs.some((o) => o.org?.phone) || people.some((x) => x.phone);

  return (
    <section class="contacts" aria-labelledby="contacts-title" data-testid="contacts">
      <h2 id="contacts-title">{t('help.contacts')}</h2>
      <ul class="contact-list">
        {orgs.map((o) => (
          <li key={o.role} class="contact">
            <span class="contact-role">{o.role}</span>
            <strong>{o.name}</strong>
            {o.org?.address && <span>{o.org.address}</span>}
            {o.org?.phone && <CallButton phone={o.org.phone} />}
          </li>
        ))}
        {people.map((x) => (
          <li key={`${x.role}-${x.name}`} class="contact">
            <span class="contact-role">{t(x.role === 'mediator' ? 'help.role.mediator' : 'help.role.legalAdvisor')}</span>
            <strong>{x.name}</strong>
            {x.phone && <CallButton phone={x.phone} />}
          </li>
        ))}
      </ul>
      <p class="contacts-note" role="status">
        {p.view.status === 'loading' ? t('help.contacts.loading') : !hasPhone ? t('help.noContacts') : p.view.status === 'cached' ? t('help.contacts.cached') : ''}
      </p>
    </section>
  );
}

function CallButton(p: { phone: string }) {
  return <a class="button call" href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>{t('help.call', { phone: p.phone })}</a>;
}
