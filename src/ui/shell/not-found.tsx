import { t } from '../../shared/i18n/index.ts';

export function NotFound() {
  return (
    <section class="screen">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p><a class="button" href="/">{t('notFound.home')}</a></p>
    </section>
  );
}
