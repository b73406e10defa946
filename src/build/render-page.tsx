// Build time, in Node (loaded through Vite's SSR loader by prerender.ts): renders the very <App/>
// the browser runs at one URL, lazy route chunks and all, so a prerendered page is the app's own
// first frame — same components, catalogue strings and Markdown renderer — and the browser can
// hydrate it instead of drawing it again. Never part of the browser bundle.

import { renderToStringAsync } from 'preact-render-to-string';
import { App } from '../app.tsx';
import { guideBySlug, guides } from '../state/guides.ts';
import { t } from '../shared/i18n/index.ts';
import { documentTitle } from '../ui/guides/use-title.ts';
import { deviceKind, WORK_DEVICE_MARK } from '../state/device-kind.ts';

/**
 * The public pages a resident opens from a shared link: the residents' home, the guide list, every
 * guide, and /help with its 申请调解 form closed to typing until the app takes the page over
 * (request-form.tsx: text typed before that would be lost).
 */
export function prerenderPaths(): string[] {
  return ['/', '/guides', '/help', ...guides.map((g) => `/guides/${g.slug}`)];
}

export interface RenderedPage {
  /** What goes inside <div id="app">. */
  readonly html: string;
  /** The <title> the screen's useTitle would set once it runs; none keeps the app's (`/` is also the app shell). */
  readonly title?: string;
  /** Source modules of the lazy chunks (and their CSS) the page needs, relative to src/: what public-app.tsx's screen() loads. */
  readonly modules: readonly string[];
  /**
   * A classic script run before the page's DOM is parsed: true when this copy must not be shown.
   * `/` is also the app shell (the server's and the service worker's answer for every app route),
   * so its residents' home is hidden at any other URL, and on a device marked for work.
   */
  readonly hideIf?: string;
}

export async function renderPage(path: string): Promise<RenderedPage> {
  // preact-iso's LocationProvider reads the URL from `location`, as it does in the browser.
  (globalThis as { location?: unknown }).location = new URL(path, 'https://shuohe.invalid');
  // `/` on a device never set up for work is the residents' home: what a first visit sees.
  deviceKind.value = path === '/' ? 'public' : 'checking';
  const html = await renderToStringAsync(<App />);
  if (path === '/') {
    return {
      html, modules: ['shared/i18n/public-later.ts', 'ui/shell/public-home.tsx'],
      hideIf: `location.pathname + location.search !== '/' || localStorage.getItem(${JSON.stringify(WORK_DEVICE_MARK)}) === '1'`,
    };
  }
  if (path === '/help') return { html, title: documentTitle(t('help.title')), modules: ['shared/i18n/public-later.ts', 'ui/guides/help-screen.tsx'] };
  if (path === '/guides') return { html, title: documentTitle(t('guides.title')), modules: ['shared/i18n/public-later.ts', 'ui/guides/guides-screen.tsx'] };
  const guide = guideBySlug(path.replace(/^\/guides\//, ''));
  if (!guide) throw new Error(`prerender: no guide at ${path}`);
  return { html, title: documentTitle(guide.title), modules: ['shared/i18n/public-later.ts', 'ui/guides/guide-screen.tsx'] };
}
