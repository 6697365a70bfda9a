import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { joinLibraryAs, newPerson } from './support';

const READER = '/documents/exporting-jihad';

// The Hypothesis fixture with every annotation made "Only me", so the import shows to this test's person alone
// and leaves the seed article as the other tests, running alongside, expect it.
function privateHypothesisExport(): Buffer {
  const file = JSON.parse(readFileSync(new URL('../fixtures/hypothesis-export.json', import.meta.url), 'utf8')) as { rows: Array<Record<string, unknown>> };
  for (const row of file.rows) row.permissions = { read: [row.user] };
  return Buffer.from(JSON.stringify(file));
}

test.describe('importing annotations', () => {
  test('a commenter imports a Hypothesis export from the reader and finds it placed, with the unplaced passage reported', async ({ browser, page }, testInfo) => {
    await joinLibraryAs(browser, page, newPerson('Importer'), 'COMMENTER');
    await page.goto(READER);
    await page.getByRole('link', { name: 'Import annotations' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import annotations' })).toBeVisible();

    await page.getByLabel('Annotation file').setInputFiles({ name: 'hypothesis-export.json', mimeType: 'application/json', buffer: privateHypothesisExport() });
    await expect(page.getByLabel('Format')).toHaveValue('auto');
    await page.getByRole('button', { name: 'Import' }).click();

    const report = page.getByRole('region', { name: 'Import report' });
    await expect(report.getByRole('status')).toHaveText('7 annotations imported from a Hypothesis file.');
    await expect(report.getByRole('heading', { name: 'Import report' })).toBeFocused();
    // Imported, exact (the quotes are there once, in their context), moved, similar, not found, page notes, section
    // discussions, replies, links, skipped.
    await expect(report.getByRole('definition')).toHaveText(['7', '3', '0', '0', '1', '1', '0', '2', '0', '0']);
    await expect(report.getByRole('blockquote')).toHaveText(/^Editorial note: this commentary was updated on 13 April 2017/);
    await expect(report.getByText('A note on the whole page')).toBeVisible();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('import-report-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: testInfo.outputPath('import-report-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('link', { name: 'Read the document with its annotations' }).click();
    const annotations = page.getByRole('region', { name: 'Annotations' });
    const imported = annotations.getByRole('article').filter({ hasText: 'A range this wide (2 to 5 thousand) needs its source' });
    await expect(imported).toContainText('originally by Marta Kowalska (acct:mkowalska@hypothes.is)');
    await expect(imported.locator('.annotation-card__author')).toHaveText('Marta Kowalska');
    await expect(imported).toContainText('Only me');
    await imported.screenshot({ path: testInfo.outputPath('imported-card.png') });
    await expect(annotations.getByRole('article').filter({ hasText: 'Agreed. I’ll attach both sources' }).or(annotations.getByRole('article').filter({ hasText: "Agreed. I'll attach both sources" }))).toHaveCount(1);

    // The same file again adds nothing.
    await page.goto(`${READER}/import`);
    await page.getByLabel('Annotation file').setInputFiles({ name: 'hypothesis-export.json', mimeType: 'application/json', buffer: privateHypothesisExport() });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('status')).toHaveText('Nothing new: all 7 annotations of this Hypothesis file are on the document already.');
  });

  test('pasted JSON that is not an export is refused with a message, and a viewer is told they cannot import', async ({ browser, page }) => {
    await joinLibraryAs(browser, page, newPerson('Paster'), 'COMMENTER');
    await page.goto(`${READER}/import`);
    await page.getByLabel('Or paste the JSON').fill('{"rows": [');
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByRole('form', { name: 'Import annotations' }).getByRole('alert')).toHaveText(/^The file is not valid JSON: .*at line 1, column 11\. Nothing was imported\.$/);

    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    await joinLibraryAs(browser, viewerPage, newPerson('Onlooker'), 'VIEWER');
    await viewerPage.goto(`${READER}/import`);
    await expect(viewerPage.getByText('Only workspace members who can comment may import annotations.')).toBeVisible();
    await expect(viewerPage.getByRole('button', { name: 'Import' })).toHaveCount(0);
    await viewerContext.close();
  });
});
