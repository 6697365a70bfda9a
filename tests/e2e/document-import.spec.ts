import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { newPerson, signUp } from './support';

const MARKDOWN = `# Grain Corridors of the Caspian

Kazakh wheat now reaches Iran by rail through Turkmenistan.[^rail] Volumes doubled in two years.

## The ports

Aktau and Kuryk compete for the same ferries.[^ports]

[^rail]: KTZ annual report 2023, p. 41.
[^ports]: Port authority statistics, 2024.
`;

async function openImportPage(page: import('@playwright/test').Page, workspaceName: string): Promise<void> {
  await page.goto('/workspaces/new');
  await page.getByLabel('Workspace name').fill(workspaceName);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible();
  await page.getByRole('link', { name: 'Import a document' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a document' })).toBeVisible();
}

test.describe('importing documents', () => {
  test('pasted Markdown with footnotes previews, imports, and its note 1 opens in the reader with its text', async ({ page }, testInfo) => {
    await signUp(page, newPerson('Importer'));
    await openImportPage(page, `Caspian desk ${Date.now().toString(36)}`);

    await page.getByLabel('Document text').fill(MARKDOWN);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview).toContainText('Grain Corridors of the Caspian');
    await expect(preview.getByRole('definition').nth(3)).toHaveText('2');
    await expect(preview).toContainText('Kazakh wheat now reaches Iran by rail through Turkmenistan.[1]');
    await expect(preview.getByRole('listitem')).toHaveText(['The ports']);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('import-preview-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: testInfo.outputPath('import-preview-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = page.getByRole('region', { name: 'Imported' });
    await expect(outcome).toContainText('with 2 paragraphs and 2 note texts');
    await page.screenshot({ path: testInfo.outputPath('import-result-1280.png'), fullPage: true });
    await outcome.getByRole('link', { name: 'Open Grain Corridors of the Caspian' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Grain Corridors of the Caspian' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'The ports' })).toBeVisible();
    await page.getByRole('button', { name: 'Footnote 1', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Footnote 1', exact: true });
    await expect(panel).toContainText('KTZ annual report 2023, p. 41.');
    await expect(panel).not.toContainText('does not include the text');

    await page.goBack();
    await page.getByLabel('Document text').fill(MARKDOWN.replace('Volumes doubled', 'Volumes tripled'));
    await page.getByLabel('Address').fill('grain-corridors-of-the-caspian');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('region', { name: 'Version 2 stored' });
    await expect(report).toContainText('has a new version 2');
    await expect(report.getByRole('term')).toHaveText(['Exact', 'Moved', 'Fuzzy', 'Orphaned', 'Needs confirmation']);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: testInfo.outputPath('import-report-375.png'), fullPage: true });
  });

  test('a 20 MB file is refused in the browser with its size, and nothing is sent', async ({ page }) => {
    await signUp(page, newPerson('Uploader'));
    await openImportPage(page, `Upload desk ${Date.now().toString(36)}`);
    const actions: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') actions.push(request.url());
    });
    await page.getByLabel('Choose a file').setInputFiles({ name: 'archive.md', mimeType: 'text/markdown', buffer: Buffer.alloc(20 * 1024 * 1024, 'a') });
    await expect(page.getByRole('alert').filter({ hasText: 'archive.md' })).toHaveText(/“archive\.md” is 20\.0 MB; documents can be at most 2 MB/);
    await expect(page.getByLabel('Document text')).toHaveValue('');
    await page.getByLabel('Document text').fill('Not a document');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByText(/no readable text|no paragraphs/)).toBeVisible();
    expect(actions.filter((url) => url.includes('/import'))).toHaveLength(1);
  });
});
