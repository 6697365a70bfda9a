import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { newPerson, selectSentence, signUp } from './support';

const VERSION_1 = `# Rail Freight Across the Steppe

Kazakh wheat now reaches Iran by rail through Turkmenistan. Volumes doubled in two years, the ministry said.

## The ports

Aktau and Kuryk compete for the same ferries.
`;

const VERSION_2 = VERSION_1.replace('Volumes doubled in two years', 'Volumes tripled in three years');

async function importText(page: Page, text: string, address?: string): Promise<void> {
  await page.getByLabel('Document text').fill(text);
  if (address) await page.getByLabel('Address').fill(address);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
}

test('version 1 of a re-imported document opens read-only with its annotation, and its changes in version 2 read word by word', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const importer = newPerson('Vera Versions');
  await signUp(page, importer);
  await page.goto('/workspaces/new');
  await page.getByLabel('Workspace name').fill(`Steppe desk ${Date.now().toString(36)}`);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('link', { name: 'Import a document' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a document' })).toBeVisible();
  const importUrl = page.url();
  await importText(page, VERSION_1);
  await page.getByRole('region', { name: 'Imported' }).getByRole('link', { name: 'Open Rail Freight Across the Steppe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rail Freight Across the Steppe' })).toBeVisible();
  const readerUrl = page.url();

  await selectSentence(page, 'Kazakh wheat now reaches Iran');
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill('Which railway operator?');
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
  // A second annotation on the sentence version 2 rewords: version 1 keeps it where it sat, on the old words.
  await selectSentence(page, 'Volumes doubled in two years');
  await page.getByRole('button', { name: 'Annotate' }).click();
  await composer.getByLabel('Comment').fill('Doubled from what base?');
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();

  const slug = new URL(readerUrl).pathname.split('/')[2]!;
  await page.getByRole('link', { name: 'Version 1: all versions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Versions of Rail Freight Across the Steppe' })).toBeVisible();

  // The second version comes in through the workspace's import page, under the same address.
  await page.goto(importUrl);
  await importText(page, VERSION_2, slug);
  await expect(page.getByRole('region', { name: 'Version 2 stored' })).toContainText('has a new version 2');

  await page.goto(readerUrl);
  await page.getByRole('link', { name: 'Version 2: all versions' }).click();
  const versions = page.getByRole('table', { name: 'Versions of this document' });
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(versions).toContainText(importer.name);
  await versions.getByRole('link', { name: 'Version 1' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Rail Freight Across the Steppe (version 1)' })).toBeVisible();
  await expect(page.locator('mark', { hasText: 'Kazakh wheat now reaches Iran' })).toBeVisible();
  await expect(page.locator('mark', { hasText: 'Volumes doubled in two years' })).toBeVisible();
  await expect(page.locator('mark', { hasText: 'tripled' })).toHaveCount(0);
  const annotations = page.getByRole('region', { name: 'Annotations on this version' });
  await expect(annotations.getByRole('article')).toHaveCount(2);
  await expect(annotations).toContainText('Which railway operator?');
  const reworded = annotations.getByRole('article').filter({ hasText: 'Doubled from what base?' });
  await expect(reworded.getByRole('blockquote')).toContainText('Volumes doubled in two years');
  await expect(reworded).toContainText('Placed exactly, as it sat');
  await expect(page.getByRole('button', { name: 'Annotate' })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await shoot(page, testInfo.outputPath('version-1'));

  await page.getByRole('link', { name: 'Changes in version 2' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Changes from version 1 to version 2' })).toBeVisible();
  const changes = page.getByRole('region', { name: 'Changes from version 1 to version 2' });
  await expect(changes.locator('del')).toHaveText(['[removed: doubled]', '[removed: two]']);
  await expect(changes.locator('ins')).toHaveText(['[added: tripled]', '[added: three]']);
  await expect(changes.locator('del').first()).toContainText('[removed:');
  await expect(page.getByText('2 words added, 2 words removed')).toBeVisible();
  await expectNoSeriousViolations(page);
  await shoot(page, testInfo.outputPath('diff'));

  // The exports' source IRI answers with the plain text to a client that asks for it.
  const text = await page.request.get(`/documents/${slug}/versions/1`, { headers: { Accept: 'text/plain' } });
  expect(text.status()).toBe(200);
  expect(text.headers()['content-type']).toContain('text/plain');
  expect(await text.text()).toContain('Volumes doubled in two years');
});

async function shoot(page: Page, base: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${base}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
}
