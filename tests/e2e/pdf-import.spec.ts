import { readFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { measureScripts } from '../../scripts/bench/http';
import { footnotesFixture } from '../helpers/pdf-fixtures';
import { newPerson, signUp } from './support';

test.describe('importing a PDF', () => {
  test.setTimeout(180_000);

  test('an uploaded PDF previews, imports, shows its notes in the footnote panels, and View page draws the original page', async ({ page }, testInfo) => {
    const fixture = await footnotesFixture();
    await signUp(page, newPerson('PDF importer'));
    const workspaceName = `PDF desk ${Date.now().toString(36)}`;
    await page.goto('/workspaces/new');
    await page.getByLabel('Workspace name').fill(workspaceName);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible();
    await page.getByRole('link', { name: 'Import a document' }).click();

    await page.getByLabel('Choose a file').setInputFiles({ name: 'rivers.pdf', mimeType: 'application/pdf', buffer: Buffer.from(fixture.bytes) });
    await expect(page.getByText('PDF chosen: rivers.pdf')).toBeVisible();
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview).toContainText(fixture.title);
    await expect(preview).toContainText('PDF, to be stored at');
    await expect(preview.getByRole('listitem')).toHaveText(['Introduction', 'Figures']);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = page.getByRole('region', { name: 'Imported' });
    await expect(outcome).toContainText('4 note texts');
    await outcome.getByRole('link', { name: `Open ${fixture.title}` }).click();

    await expect(page.getByRole('heading', { level: 1, name: fixture.title })).toBeVisible();
    for (const note of fixture.notes) {
      await page.getByRole('button', { name: `Footnote ${note.number}`, exact: true }).click();
      await expect(page.getByRole('region', { name: `Footnote ${note.number}`, exact: true })).toContainText(note.text);
      await page.keyboard.press('Escape');
    }
    await expect(page.getByText('pp. 1–2')).toBeVisible();
    const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('pdf-reader-1280.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /Download the original PDF \(2 pages\)/u }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/u);

    await page.getByRole('link', { name: 'View page' }).nth(2).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Page 2 of the original PDF' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(`Page 2 of ${fixture.title}, page 2 of 2.`, { timeout: 20_000 });
    // The canvas holds the drawn page: some of its pixels are dark (text), not a blank sheet.
    const inked = await page.getByRole('img', { name: `Page 2 of ${fixture.title}` }).evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 100) dark++;
      return dark;
    });
    expect(inked).toBeGreaterThan(500);
    for (const colorScheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme });
      const onPage = (await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(onPage.map((violation) => `${colorScheme}: ${violation.id}`)).toEqual([]);
    }
    await page.screenshot({ path: testInfo.outputPath('pdf-page-1280.png'), fullPage: true });
  });
});

test.describe('a published two-column paper', () => {
  test.setTimeout(240_000);

  test('its reader loads no pdf.js, View page loads it, and both views read at desktop and phone widths in light and dark', async ({ page, request }, testInfo) => {
    await signUp(page, newPerson('Paper reader'));
    const workspaceName = `Papers ${Date.now().toString(36)}`;
    await page.goto('/workspaces/new');
    await page.getByLabel('Workspace name').fill(workspaceName);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible();
    await page.getByRole('link', { name: 'Import a document' }).click();
    const bytes = await readFile(path.join(process.cwd(), 'tests', 'fixtures', 'pdf', 'rcpp-introduction', 'Rcpp-introduction.pdf'));
    await page.getByLabel('Choose a file').setInputFiles({ name: 'Rcpp-introduction.pdf', mimeType: 'application/pdf', buffer: bytes });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = page.getByRole('region', { name: 'Imported' });
    await expect(outcome).toContainText('7 note texts', { timeout: 60_000 });

    // Every script the reader runs, fetched again to look inside: pdf.js announces itself by its worker options.
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(response.url());
    });
    const loadsPdfJs = async (): Promise<boolean> => {
      for (const url of scripts) if ((await (await request.get(url)).text()).includes('GlobalWorkerOptions')) return true;
      return false;
    };
    await outcome.getByRole('link', { name: /^Open Extending R with C\+\+/u }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Extending R with C\+\+/u })).toBeVisible();
    await page.getByRole('button', { name: 'Footnote 4', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Footnote 4', exact: true })).toContainText('macOS users may encounter');
    await page.keyboard.press('Escape');
    await page.waitForLoadState('networkidle');
    expect(await loadsPdfJs()).toBe(false);
    const readerUrl = page.url();
    // Measured as the benchmark measures the reader: every script its HTML references, gzipped.
    const readerScripts = await measureScripts(new URL(readerUrl).origin, await (await page.request.get(readerUrl)).text());
    console.log(`Reader of a PDF document: ${(readerScripts.gzipBytes / 1000).toFixed(1)} kB of JavaScript gzipped in ${readerScripts.chunks} chunks`);

    await page.getByRole('link', { name: 'View page' }).and(page.locator('[href*="/pages/3?"]')).first().click();
    await expect(page.getByRole('status')).toContainText('page 3 of 8', { timeout: 30_000 });
    expect(await loadsPdfJs()).toBe(true);
    const pageUrl = page.url();
    const pageScripts = await measureScripts(new URL(pageUrl).origin, await (await page.request.get(pageUrl)).text());
    console.log(`View page: ${(pageScripts.gzipBytes / 1000).toFixed(1)} kB gzipped in ${pageScripts.chunks} chunks, and pdf.js and its worker on demand`);

    for (const [width, height] of [[1280, 900], [375, 812]] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await page.goto(readerUrl);
        await expect(page.getByRole('heading', { level: 1, name: /Extending R with C\+\+/u })).toBeVisible();
        await page.screenshot({ path: testInfo.outputPath(`paper-reader-${width}-${colorScheme}.png`) });
        await page.goto(pageUrl);
        await expect(page.getByRole('status')).toContainText('page 3 of 8', { timeout: 30_000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${width} ${colorScheme}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: testInfo.outputPath(`paper-page-${width}-${colorScheme}.png`) });
      }
    }
  });
});
