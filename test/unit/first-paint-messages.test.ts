// The first screens (everything main.tsx imports statically) may only use messages of the core
// catalogue: the other sections arrive with the lazy screens (i18n/later.ts). A key from a later
// section used on a first screen would show as its raw key — this test finds it first.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isCoreMessage, hasMessage } from '../../src/shared/i18n/index.ts';

const root = resolve(new URL('../..', import.meta.url).pathname);

/**
 * Files reachable from `entry` through static, non-type imports; with `lazy`, also through
 * import('./…') (the lazy screens), except into the later catalogues.
 */
function importGraph(entry: string, lazy = false): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const targets = [
      ...[...source.matchAll(/^import\s+(?!type\b)(?:[^'"]*?from\s+)?['"](\.[^'"]+)['"]/gm)].map((m) => m[1] as string),
      ...(lazy ? [...source.matchAll(/import\(['"](\.[^'"]+)['"]\)/g)].map((m) => m[1] as string) : []),
    ];
    for (const target of targets.map((t) => join(dirname(file), t))) {
      if (existsSync(target) && /\.tsx?$/.test(target) && !(lazy && /i18n\/(public-)?later\.ts$/.test(target))) stack.push(target);
    }
  }
  return seen;
}

describe('first-paint messages', () => {
  // The case list and the work frame (shell.tsx) are lazy chunks but load at start without
  // waiting for the later sections (app.tsx), so they are held to the core catalogue too.
  const early = ['src/main.tsx', 'src/public-main.tsx', 'src/ui/cases/case-list-screen.tsx', 'src/ui/shell/work-shell.tsx'];
  const files = [...new Set(early.flatMap((file) => [...importGraph(join(root, file))]))];

  it('walks the real first-paint graph (shell, lock and case list included, lazy screens not)', () => {
    const names = files.map((f) => f.slice(root.length + 1));
    expect(names).toContain('src/ui/shell/shell.tsx');
    expect(names).toContain('src/ui/lock/unlock-screen.tsx');
    expect(names).toContain('src/ui/cases/case-list-screen.tsx');
    expect(names).toContain('src/ui/shell/sync-line.tsx');
    expect(names).not.toContain('src/ui/documents/documents-screen.tsx');
  });

  it('uses only core keys there', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      // Any string literal that is a catalogue key counts (keys also travel in tables such as
      // nav labels), except error codes thrown for a later screen to show, or compared (a server
      // answer's code tested, nothing shown).
      for (const m of source.matchAll(/(DomainError\(\s*|code [!=]== )?'([a-zA-Z]+\.[\w.]+)'/g)) {
        const key = m[2] as string;
        if (m[1] === undefined && hasMessage(key) && !isCoreMessage(key)) offenders.push(`${file.slice(root.length + 1)}: ${key}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

// The public side (src/public-app.tsx) loads i18n/public-later.ts rather than the whole later
// catalogue: every key its screens name — their lazy chunks included — must be core or in there,
// or a resident would read a raw key.
describe('public side messages', () => {
  it('uses only core keys and keys of i18n/public-later.ts', async () => {
    const { publicSections } = await import('../../src/shared/i18n/public-later.ts');
    const inPublic = (key: string) => publicSections.some((section) => Object.hasOwn(section, key));
    const files = [...importGraph(join(root, 'src/public-app.tsx'), true)];
    expect(files.map((f) => f.slice(root.length + 1))).toContain('src/ui/guides/request-form.tsx');
    const offenders: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'([a-zA-Z]+\.[\w.]+)'|\bt\(`([a-zA-Z]+\.[\w.]*)\$\{/g)) {
        const key = m[1];
        const prefix = m[2];
        if (key !== undefined && hasMessage(key) && !isCoreMessage(key) && !inPublic(key)) offenders.push(`${file.slice(root.length + 1)}: ${key}`);
        // A key made at run time (`help.cat.${code}`): its family must be there.
        if (prefix !== undefined && !publicSections.some((s) => Object.keys(s).some((k) => k.startsWith(prefix)))) offenders.push(`${file.slice(root.length + 1)}: ${prefix}…`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
