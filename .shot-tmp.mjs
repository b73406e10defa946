import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
// Crops the top of full-page PNGs: draws each in a page and screenshots a window of it.
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 360, height: 1000 } });
for (const [src, out, y] of process.argv.slice(2).map((a) => a.split(','))) {
  const data = readFileSync(src).toString('base64');
  await p.setContent(`<body style="margin:0"><img src="data:image/png;base64,${data}" style="display:block;margin-top:-${y ?? 0}px"></body>`);
  await p.screenshot({ path: out });
}
await b.close();
