import { expect, test, type Page } from '@playwright/test';
import { newPerson, signUp } from './support';

const VERSION_1 = `# Dams of the Vakhsh

The Rogun dam will produce roughly 19 billion kWh a year once it is finished.[^1] Tajikistan plans to sell most of that power abroad, mainly to Afghanistan and Pakistan.

[^1]: Ministry of Energy, 2023.
`;

// The figure is reworded in front ("roughly" -> "around"), the export plans in their context as well.
const VERSION_2 = `# Dams of the Vakhsh

The Rogun dam should produce around 19 billion kWh a year once it is finished.[^1] Dushanbe plans to sell most of its power abroad, mainly to Pakistan.

[^1]: Ministry of Energy, 2023.
`;

// Selects exactly `passage` inside the reader's text, as a person dragging over those words would.
async function selectPassage(page: Page, passage: string): Promise<void> {
  await page.locator('.sentence', { hasText: passage }).first().evaluate((sentence, wanted) => {
    const walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in one text node`);
  }, passage);
}

async function annotatePassage(page: Page, passage: string, comment: string): Promise<void> {
  await selectPassage(page, passage);
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(comment);
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
}

async function importText(page: Page, workspaceSlug: string, text: string, address?: string): Promise<void> {
  await page.goto(`/workspaces/${workspaceSlug}/import`);
  await page.getByLabel('Document text').fill(text);
  if (address) await page.getByLabel('Address').fill(address);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

test('after a new version with an edited passage, a card shows the words it now highlights and what it quoted before, and Confirm settles it in place', async ({ page }) => {
  await signUp(page, newPerson('Reviser'));
  const workspaceName = `Energy desk ${Date.now().toString(36)}`;
  await page.goto('/workspaces/new');
  await page.getByLabel('Workspace name').fill(workspaceName);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible();
  const workspaceSlug = new URL(page.url()).pathname.split('/')[2] ?? '';

  await importText(page, workspaceSlug, VERSION_1);
  await page.getByRole('region', { name: 'Imported' }).getByRole('link', { name: 'Open Dams of the Vakhsh' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dams of the Vakhsh' })).toBeVisible();
  const documentSlug = new URL(page.url()).pathname.split('/')[2] ?? '';
  await annotatePassage(page, 'roughly 19 billion kWh a year', 'Which year is this figure for?');
  await annotatePassage(page, 'plans to sell most of that power abroad', 'Sold to whom?');

  await importText(page, workspaceSlug, VERSION_2, documentSlug);
  await expect(page.getByRole('region', { name: 'Version 2 stored' })).toBeVisible();
  await page.goto(`/documents/${documentSlug}`);

  const annotations = page.getByRole('region', { name: 'Annotations' });
  const figure = annotations.getByRole('article').filter({ hasText: 'Which year is this figure for?' });
  // The fuzzy match alone would begin inside "around"; the card begins with the whole word.
  await expect(figure.getByRole('button', { name: /^Show in the text/ })).toHaveText('around 19 billion kWh a year');
  await expect(figure).toContainText('was: “roughly 19 billion kWh a year”');
  await expect(page.locator('mark.highlight', { hasText: 'around 19 billion kWh a year' })).toHaveCount(1);

  const plans = annotations.getByRole('article').filter({ hasText: 'Sold to whom?' });
  await expect(plans.getByRole('button', { name: /^Show in the text/ })).toHaveText('plans to sell most of its power abroad');
  await expect(plans).toContainText('was: “plans to sell most of that power abroad”');
  await expect(plans).toContainText('Is this the right place?');
  await plans.getByRole('button', { name: 'Confirm' }).click();
  await expect(plans.getByRole('status')).toHaveText('Placement confirmed.');
  await expect(plans).not.toContainText('Is this the right place?');
  await expect(plans.getByRole('button', { name: 'Confirm' })).toHaveCount(0);
  // The decision was stored: a reload asks no more.
  await page.reload();
  await expect(annotations.getByRole('article').filter({ hasText: 'Sold to whom?' })).not.toContainText('Is this the right place?');
});
