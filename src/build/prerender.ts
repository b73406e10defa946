// Vite plugin: after the client build is written, renders the public guide pages (render-page.tsx)
// into dist/guides/index.html and dist/guides/<slug>/index.html. A resident who opens a shared
// guide link on a cheap phone, usually with no service worker yet, then sees the guide as soon as
// the HTML arrives instead of after ~150 KB of script has loaded and run; the app hydrates the
// same DOM afterwards (main.tsx). The server serves these pages for their exact URLs
// (server/http/static.ts). The service worker does not precache them: offline, the precached app
// draws the same page from the precached bundle, so storing every guide twice buys nothing.

import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createServer, type Plugin, type Rollup } from 'vite';
import type { RenderedPage } from './render-page.tsx';
import { guidesModule } from './guides-module.ts';

interface RenderModule {
  prerenderPaths(): string[];
  renderPage(path: string): Promise<RenderedPage>;
}

export function prerenderGuides(options: { srcDir: string }): Plugin {
  return {
    name: 'shuohe:prerender-guides',
    apply: 'build',
    // Before vite-plugin-pwa's closeBundle, which lists dist/ for the service worker.
    async writeBundle(output, bundle) {
      if (this.environment.name !== 'client' || !output.dir || !('index.html' in bundle)) return;
      const template = await readFile(join(output.dir, 'index.html'), 'utf8');
      const server = await createServer({
        configFile: false,
        root: options.srcDir,
        logLevel: 'error',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
        optimizeDeps: { noDiscovery: true, include: [] },
        plugins: [(await import('@preact/preset-vite')).default(), guidesModule({ guidesDir: join(options.srcDir, 'content/guides') })],
      });
      try {
        // Screens read the reader's font size from IndexedDB as they load; Node has none.
        const { indexedDB, IDBKeyRange } = await import('fake-indexeddb');
        Object.assign(globalThis, { indexedDB, IDBKeyRange });
        const render = (await server.ssrLoadModule('/build/render-page.tsx')) as RenderModule;
        for (const path of render.prerenderPaths()) {
          const page = await render.renderPage(path);
          const file = join(output.dir, path, 'index.html');
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, pageHtml(template, path, page, bundle));
        }
      } finally {
        await server.close();
      }
    },
  };
}

/** The built index.html with the page's title, its stylesheets inlined, its body, and a late boot. */
function pageHtml(template: string, path: string, page: RenderedPage, bundle: Rollup.OutputBundle): string {
  const route = chunksOf(bundle, page.modules);
  const style = (file: string) => {
    const css = assetText(bundle, file);
    if (/<\/style/i.test(css)) throw new Error(`prerender: ${file} cannot be inlined`);
    return `<style>${css}</style>`;
  };
  const title = page.title;
  let html = title === undefined ? template : replaceOnce(template, /<title>[^<]*<\/title>/, () => `<title>${escapeText(title)}</title>`);
  // The stylesheets are inlined (~5 KB compressed together), so the text paints as soon as the
  // HTML arrives rather than one more round trip later. The route's own CSS comes too, or it
  // would arrive with its lazy chunk and restyle the page under the reader.
  html = replaceOnce(html, /<link rel="stylesheet" crossorigin href="\/([^"]+)">/, style);
  html = replaceOnce(html, /<\/head>/, () => `${route.css.map(style).join('')}</head>`);
  // Vite's preload helper adds a <link> for the route's CSS when the route chunk loads unless one
  // is there: a disabled one says "already applied" without fetching or restyling the page again.
  html = replaceOnce(html, /<\/head>/, () => `${route.css.map((file) => `<link rel="stylesheet" href="/${file}" disabled>`).join('')}</head>`);
  // Paint first, then boot: no script is fetched until the text is on the screen (see bootScript).
  const preloads: string[] = [];
  html = html.replace(/\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g, (_tag, href: string) => {
    preloads.push(href);
    return '';
  });
  const publicEntry = publicEntryOf(bundle);
  html = replaceOnce(html, /<script type="module" crossorigin src="([^"]+)"><\/script>/, (entry) =>
    bootScript({ entry, shell: preloads }, { entry: `/${publicEntry.fileName}`, shell: publicEntry.imports, route: route.js.map((file) => `/${file}`) }),
  );
  // Before the body is parsed, so a page that must not show is never painted (main.tsx then draws
  // the app afresh). localStorage may throw (storage blocked): then the page shows as rendered.
  if (page.hideIf) {
    html = replaceOnce(html, /<\/head>/, () =>
      `<style>html[data-blank] #app[data-prerendered]{display:none}</style><script>try{if(${page.hideIf})document.documentElement.setAttribute('data-blank','')}catch{}</script></head>`);
  }
  // data-prerendered names the URL this DOM shows; the app hydrates it only at that URL.
  // A hidden page's DOM is dropped as soon as it is parsed, so neither the app nor anything that
  // reads the document (a test waiting for the residents' frame) finds a page that is not there.
  const drop = page.hideIf ? `<script>if(document.documentElement.hasAttribute('data-blank'))document.getElementById('app').replaceChildren()</script>` : '';
  return replaceOnce(html, /<div id="app"><\/div>/, () => `<div id="app" data-prerendered="${escapeText(path)}">${page.html}</div>${drop}`);
}

/**
 * Starts the app once the first contentful paint has been presented. A cheap phone then never
 * fetches, runs and hydrates ~150 KB of script before the reader sees the text, and Lighthouse
 * (simulated throttling) does not count that script as render-blocking. The page itself is
 * hydrated by the public side's own entry (public-main.tsx), which loads no lock, session or case
 * database. Once booting, every module the page needs (the entry's imports, the route's chunks)
 * is requested at once rather than discovered import by import. Without paint timing (Safari
 * before 14.1), or in a tab opened in the background, where nothing paints until it is shown, the
 * timer boots anyway. A page its guard hid (`hideIf`: the shell at another URL, or on a work
 * device) paints nothing of its own: the full app (main.tsx) boots at once.
 */
function bootScript(app: { entry: string; shell: readonly string[] }, page: { entry: string; shell: readonly string[]; route: readonly string[] }): string {
  // `shell` (the app entry's own imports) is what test/bench/device.bench.ts counts as initial JS.
  return `<script type="module">
const shell = ${JSON.stringify(app.shell)};
const page = ${JSON.stringify([...page.shell, ...page.route])};
let booted = false;
const boot = () => {
  if (booted) return;
  booted = true;
  const hidden = document.documentElement.hasAttribute('data-blank');
  for (const href of hidden ? shell : page) document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href }));
  import(hidden ? ${JSON.stringify(app.entry)} : ${JSON.stringify(page.entry)});
};
if (document.documentElement.hasAttribute('data-blank')) boot();
setTimeout(boot, 3000);
new PerformanceObserver((list) => { if (list.getEntriesByName('first-contentful-paint').length > 0) boot(); }).observe({ type: 'paint', buffered: true });
</script>`;
}

/** The public side's entry chunk and the JS files it imports statically (closure). */
function publicEntryOf(bundle: Rollup.OutputBundle): { fileName: string; imports: string[] } {
  const entry = Object.values(bundle).find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry && !!o.facadeModuleId?.endsWith('/public-main.tsx'));
  if (!entry) throw new Error('prerender: no chunk built from public-main.tsx');
  const seen = new Set<string>();
  const visit = (name: string) => {
    const chunk = bundle[name];
    if (seen.has(name) || chunk?.type !== 'chunk') return;
    seen.add(name);
    chunk.imports.forEach(visit);
  };
  entry.imports.forEach(visit);
  return { fileName: entry.fileName, imports: [...seen].map((file) => `/${file}`) };
}

/** The JS and CSS files of the chunks built from `modules` and of every chunk they import statically. */
function chunksOf(bundle: Rollup.OutputBundle, modules: readonly string[]): { js: string[]; css: string[] } {
  const chunks = Object.values(bundle).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry && !!c.facadeModuleId?.endsWith('/public-main.tsx'));
  // What the page's entry loads already (public-main.tsx and its imports) is not listed again.
  const seen = new Set<string>();
  const js: string[] = [];
  const css = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk, collect: boolean) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    if (collect) {
      js.push(chunk.fileName);
      for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
    }
    for (const name of chunk.imports) {
      const imported = bundle[name];
      if (imported?.type === 'chunk') visit(imported, collect);
    }
  };
  if (entry) visit(entry, false);
  for (const module of modules) {
    const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(`/${module}`));
    if (!chunk) throw new Error(`prerender: no chunk built from ${module}`);
    visit(chunk, true);
  }
  return { js, css: [...css] };
}

function replaceOnce(html: string, find: RegExp, by: (group: string) => string): string {
  const match = find.exec(html);
  if (!match) throw new Error(`prerender: index.html has no ${find.source}`);
  return html.slice(0, match.index) + by(match[1] ?? '') + html.slice(match.index + match[0].length);
}

function assetText(bundle: Rollup.OutputBundle, fileName: string): string {
  const asset = bundle[fileName];
  if (asset?.type !== 'asset') throw new Error(`prerender: ${fileName} is not in the build`);
  return typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
}
