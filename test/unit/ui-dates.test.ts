// One date format on every screen: dates reach the page through ui/format.ts (Intl, Beijing time),
// never cut from an ISO string ("2023-02-18" beside "2023年3月13日"). The sweep (e2e/sweep.test.ts)
// also reads every drawn screen for a raw ISO date; this catches the usual ways one is written.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI = new URL('../../src/ui', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

const DATE_FIELDS = '(acceptedOn|effectiveOn|createdAt|updatedAt|receivedAt|decidedAt|signedAt|asOf|closedOn|dueOn|refreshedAt)';

/** Ways of printing a date that bypass format.ts. */
const RAW = [
  { name: 'an ISO string cut to its date', re: /toISOString\(\)\s*\.slice\(|\.slice\(0,\s*10\)|\.substring\(0,\s*10\)/ },
  { name: "the browser's own date text", re: /toLocale(Date)?String\(|toDateString\(/ },
  { name: 'a date field drawn as it is stored', re: new RegExp(`>\\{[\\w.?]*\\.${DATE_FIELDS}\\}<`) },
  { name: 'a date field put into a message as it is stored', re: new RegExp(`\\bt\\(.*\\w+: [\\w.?]*\\.${DATE_FIELDS}( \\?\\? '')? ?[,}]`) },
];

describe('dates on screen', () => {
  it('go through ui/format.ts in every ui source', () => {
    const found: string[] = [];
    for (const file of sources(UI)) {
      if (file.endsWith('/format.ts')) continue;
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        for (const r of RAW) if (r.re.test(line)) found.push(`${relative(UI, file)}:${i + 1} ${r.name}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
