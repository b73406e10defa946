// Driving 扫描身份证 in party 0's card of 受理 (bench and e2e): feed one side's photo through the
// panel's own buttons (the file chooser they open), wait for the proposal, read what it proposes.
import type { Page } from 'playwright-core';

export const SCAN_TIMEOUT = 240_000;

export type Proposed = Record<string, string>;

/** Opens 受理 with party 0's scan panel showing. */
export async function openScan(page: Page): Promise<void> {
  await page.getByTestId('nav-plus').click();
  await page.getByTestId('party-0-scan').click();
  await page.getByTestId('id-scan-notice').waitFor();
}

/** Closes the panel and opens a fresh one (nothing proposed yet). */
export async function reopenScan(page: Page): Promise<void> {
  const party = page.getByTestId('party-0');
  await party.getByRole('button', { name: '不扫了，手动填写' }).click();
  await page.getByTestId('party-0-scan').click();
  await party.getByTestId('id-scan-notice').waitFor();
}

/**
 * Reads one side; resolves with the proposed fields (or none when the phone read nothing) and
 * the seconds from choosing the photo to the proposal.
 */
export async function scanSide(page: Page, side: 'front' | 'back', photo: Buffer): Promise<{ seconds: number; fields: Proposed; doubtful: string[] }> {
  const party = page.getByTestId('party-0');
  const before = Number(await party.getByTestId('id-scan').getAttribute('data-reads'));
  const chooser = page.waitForEvent('filechooser');
  if (side === 'front') await party.getByRole('button', { name: '拍照或选择照片' }).click();
  else await party.getByTestId('id-scan-back').first().click();
  const started = Date.now();
  await (await chooser).setFiles({ name: `${side}.jpg`, mimeType: 'image/jpeg', buffer: photo });
  await party.locator(`[data-testid="id-scan"][data-reads="${before + 1}"]`).waitFor({ timeout: SCAN_TIMEOUT });
  const seconds = (Date.now() - started) / 1000;
  if (await party.getByTestId('id-scan-failed').isVisible()) return { seconds, fields: {}, doubtful: [] };
  const fields: Proposed = {};
  const doubtful: string[] = [];
  for (const row of await party.locator('.id-scan-field').all()) {
    const key = (await row.getAttribute('data-field')) ?? '';
    fields[key] = await row.locator('input, textarea').inputValue();
    if ((await row.getAttribute('data-doubtful')) === 'true') doubtful.push(key);
  }
  return { seconds, fields, doubtful };
}
