// Vite plugin: the guides as data, parsed at build time. `virtual:shuohe-guides` exports the parsed
// Guide objects as one JSON.parse of a string literal, so a phone opening a guide no longer splits
// 25 Markdown files into sections while the page starts (a long task counted in Lighthouse's total
// blocking time, issue #13). A guide that does not parse fails the build, not the resident's page.
// The parser stays in content/guides.ts, shared with the Node tests that read the files with fs.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parseGuides } from '../content/guides.ts';

const ID = 'virtual:shuohe-guides';
const RESOLVED = `\0${ID}`;

export function guidesModule(options: { guidesDir: string }): Plugin {
  return {
    name: 'shuohe:guides-module',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const files: Record<string, string> = {};
      for (const name of readdirSync(options.guidesDir).filter((n) => n.endsWith('.md'))) {
        const path = join(options.guidesDir, name);
        this.addWatchFile(path);
        files[`./guides/${name}`] = readFileSync(path, 'utf8');
      }
      // JSON.parse of one literal is faster for the engine than the same object as code.
      return `export const guides = JSON.parse(${JSON.stringify(JSON.stringify(parseGuides(files)))});`;
    },
  };
}
