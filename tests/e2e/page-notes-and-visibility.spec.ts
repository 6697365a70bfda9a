import { expect, test } from '@playwright/test';
import { newPerson, signUp } from './support';

const TEXT = `# Border Markets in the Fergana Valley

Traders cross at Dostuk every morning. Prices at the bazaar follow the exchange rate.

## Customs

Inspections take longer since the spring.
`;

test('an editor writes a note on the whole document, edits it, and makes the document public, which the feed records', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signUp(page, newPerson('Nadia Notes'));
  const workspaceName = `Fergana desk ${Date.now().toString(36)}`;
  await page.goto('/workspaces/new');
  await page.getByLabel('Workspace name').fill(workspaceName);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible();
  const workspaceUrl = page.url();
  await page.getByRole('link', { name: 'Import a document' }).click();
  await page.getByLabel('Document text').fill(TEXT);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('region', { name: 'Imported' }).getByRole('link', { name: 'Open Border Markets in the Fergana Valley' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Border Markets in the Fergana Valley' })).toBeVisible();
  const readerUrl = page.url();

  const list = page.getByRole('region', { name: 'Annotations' });
  await list.getByText('About the whole document (0)').click();
  await list.getByLabel('Note on the whole document').fill('No sources for the prices at all.');
  await list.getByRole('button', { name: 'Add note' }).click();
  await expect(list.getByText('About the whole document (1)')).toBeVisible();
  const note = list.getByRole('article').filter({ hasText: 'No sources for the prices at all.' });
  await expect(note).toBeVisible();
  await expect(note.getByRole('button', { name: 'Edit' })).toBeVisible();
  await expect(note.getByRole('button', { name: 'Delete' })).toBeVisible();

  const visibility = page.getByLabel('Document visibility');
  await expect(visibility).toHaveValue('PRIVATE');
  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(readerUrl))?.status()).toBe(404);
  await visibility.selectOption('PUBLIC');
  await page.getByRole('button', { name: 'Save visibility' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'anyone with the address may read it' })).toBeVisible();
  expect((await visitor.goto(readerUrl))?.status()).toBe(200);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Border Markets in the Fergana Valley' })).toBeVisible();
  await expect(visitor.getByLabel('Document visibility')).toHaveCount(0);
  await visitor.context().close();

  await page.goto(`${workspaceUrl}/activity`);
  await expect(page.getByText(/made public/u)).toBeVisible();
});
