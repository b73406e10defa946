// The document title names the screen, so a screen reader (and the task switcher) says where you are.
import { useEffect } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
}
