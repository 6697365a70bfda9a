import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { newPerson, signUp } from './support';

const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const THREADS = 30;
const sentence = (number: number) => `Paragraph ${number} records where the convoy crossed the river that night.`;

// A fresh document of its own with one shared annotation on each paragraph, so no other test's annotations count.
async function annotatedDocument(page: Page): Promise<string> {
  await signUp(page, newPerson('Lister'));
  const workspaceName = `List desk ${Date.now().toString(36)}`;
  await page.goto('/workspaces/new');
  await page.getByLabel('Workspace name').fill(workspaceName);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible();
  const workspaceSlug = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const slug = `list-${Date.now().toString(36)}`;
  const markdown = ['# Convoy notes', '', ...Array.from({ length: THREADS }, (_, index) => [sentence(index + 1), ''])].flat().join('\n');
  const imported = await page.request.post(`/api/workspaces/${workspaceSlug}/documents?slug=${slug}`, { data: markdown, headers: { 'Content-Type': 'text/markdown' } });
  expect(imported.status()).toBe(201);
  const origin = new URL(page.url()).origin;
  for (let number = 1; number <= THREADS; number++) {
    const created = await page.request.post(`/api/documents/${slug}/annotations/`, {
      headers: { 'Content-Type': JSON_LD },
      data: JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'Annotation',
        body: [{ type: 'TextualBody', value: `Checked crossing ${number}`, format: 'text/markdown', purpose: 'commenting' }],
        target: { source: `${origin}/documents/${slug}/versions/1`, selector: [{ type: 'TextQuoteSelector', exact: sentence(number) }] },
        visibility: 'workspace',
      }),
    });
    expect(created.status()).toBe(201);
  }
  return slug;
}

test('a long Annotations list shows a batch at a time, the next batch opens in place at its first card, and a highlight further on opens its own batch', async ({ page }) => {
  const slug = await annotatedDocument(page);
  await page.goto(`/documents/${slug}`);
  const annotations = page.getByRole('region', { name: 'Annotations' });
  await expect(annotations.getByRole('article')).toHaveCount(25);
  await expect(annotations).toContainText(`Showing threads 1–25 of ${THREADS}.`);
  await expect(page.locator('mark').filter({ hasText: sentence(THREADS) })).toBeVisible();
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  await page.evaluate(() => Object.assign(window, { isSamePage: true }));
  await annotations.getByRole('link', { name: 'Show 5 more' }).press('Enter');
  await expect(annotations.getByRole('article')).toHaveCount(THREADS);
  const firstNew = annotations.getByRole('article').filter({ hasText: 'Checked crossing 26' });
  await expect(firstNew).toBeFocused();
  await expect(annotations.getByRole('link', { name: /^Show \d+ more$/ })).toHaveCount(0);
  // The new batch came in place, without a reload.
  expect(await page.evaluate(() => (window as unknown as { isSamePage?: boolean }).isSamePage)).toBe(true);

  await page.goto(`/documents/${slug}`);
  await expect(annotations.getByRole('article')).toHaveCount(25);
  await page.locator('mark').filter({ hasText: sentence(THREADS) }).click();
  await expect(page).toHaveURL(/thread=/);
  const last = annotations.getByRole('article').filter({ hasText: `Checked crossing ${THREADS}` });
  await expect(last).toBeFocused();
  await expect(annotations.getByRole('article')).toHaveCount(5);
  await expect(annotations.getByRole('link', { name: 'Show earlier threads' })).toBeVisible();
});

test('beside the text the list follows the reading, and "Only what is on screen" keeps the threads whose highlights are in view', async ({ page }) => {
  const slug = await annotatedDocument(page);
  await page.setViewportSize({ width: 1280, height: 480 });
  await page.goto(`/documents/${slug}`);
  const annotations = page.getByRole('region', { name: 'Annotations' });
  const cardOf = (number: number) => annotations.getByRole('article').filter({ hasText: new RegExp(`Checked crossing ${number}(?!\\d)`) });
  await expect(page.locator('mark').filter({ hasText: sentence(20) })).toHaveCount(1);
  await expect(cardOf(1)).toBeInViewport();

  await page.locator('mark').filter({ hasText: sentence(20) }).evaluate((mark) => mark.scrollIntoView({ block: 'start' }));
  await expect(cardOf(20)).toBeInViewport();
  await expect(cardOf(1)).not.toBeInViewport();

  await annotations.getByRole('button', { name: 'Only what is on screen' }).click();
  await expect(cardOf(20)).toBeVisible();
  await expect(cardOf(1)).toBeHidden();
  await page.locator('mark').filter({ hasText: sentence(2) }).evaluate((mark) => mark.scrollIntoView({ block: 'start' }));
  await expect(cardOf(2)).toBeVisible();
  await expect(cardOf(20)).toBeHidden();
});
