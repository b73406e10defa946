import { afterAll, beforeAll, it } from 'vitest';
import { startAppServer, type AppServer } from '../test/e2e/app-server.ts';
import { PHONE, openDevice } from '../test/e2e/browser.ts';
import { signIn } from '../test/e2e/flows.ts';

let server: AppServer;
beforeAll(async () => { server = await startAppServer(); });
afterAll(async () => { await server?.close(); });

const DESK = { width: 1366, height: 768 };
it('shots', async () => {
  for (const [name, vp] of [['desk', DESK], ['phone', PHONE]] as const) {
    const d = await openDevice(vp);
    const page = await d.context.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, server.url, 'xian');
    for (const path of ['/accounts', '/network', '/devices', '/me']) {
      await page.goto(`${server.url}${path}`);
      await page.locator('#main h1, main h1').first().waitFor();
      await page.waitForTimeout(2500);
      if (path === '/network') await page.getByTestId('town-group').first().locator('summary').click().catch(() => {});
      await page.screenshot({ path: `/tmp/desk/${name}${path.replace(/\//g, '_')}.png`, fullPage: false });
      if (path === '/network') {
        await page.getByTestId('new-committee').scrollIntoViewIfNeeded();
        await page.getByTestId('nc-location-town').selectOption({ index: 1 });
        await page.screenshot({ path: `/tmp/desk/${name}_network_form.png` });
      }
    }
    await d.close();
  }
}, 600_000);
