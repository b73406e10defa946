// The document title names the screen, so a screen reader (and the task switcher) says where you are.
import { useEffect } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';

/** "法律指南 · 说和": the screen's own title, then the app's name. Prerendered pages use it too. */
export function documentTitle(title: string): string {
  return `${title} · ${t('app.name')}`;
}

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = documentTitle(title);
  }, [title]);
}
