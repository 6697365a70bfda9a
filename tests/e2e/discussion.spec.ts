import { expect, test } from '@playwright/test';
import { joinLibraryAs, newPerson, selectSentence } from './support';

const READER = '/documents/exporting-jihad';

test('a section discussion takes a post, a reply and a resolution', async ({ browser, page }) => {
  const stamp = Date.now().toString(36);
  await joinLibraryAs(browser, page, newPerson('Sid'), 'COMMENTER');
  await page.goto(READER);
  const section = page.getByRole('region', { name: 'Syria – a game changer' });
  await section.getByRole('button', { name: /^Discuss section/ }).click();
  const discussion = page.getByRole('region', { name: 'Discussion of Syria – a game changer' });
  await discussion.getByLabel('Comment on this section').fill(`Does this section over-count volunteers? ${stamp}`);
  await discussion.getByRole('button', { name: 'Post' }).click();
  const thread = discussion.getByRole('article').filter({ hasText: `over-count volunteers? ${stamp}` });
  await expect(thread).toBeVisible();

  await thread.getByRole('button', { name: 'Reply' }).click();
  await thread.getByLabel('Reply').fill(`Compare with note 13 ${stamp}`);
  await thread.getByRole('button', { name: 'Post reply' }).click();
  await expect(discussion.getByRole('article').filter({ hasText: `Compare with note 13 ${stamp}` })).toBeVisible();

  await thread.getByRole('button', { name: 'Resolve' }).click();
  await thread.getByRole('button', { name: 'Resolve thread' }).click();
  await expect(thread).toContainText('Resolved by Sid');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toContainText(/Syria – a game changer · \d+ threads?/);
});

test('filtering by a tag keeps only its annotations and highlights, and the address keeps the filter', async ({ browser, page }) => {
  const stamp = Date.now().toString(36);
  const tag = `prediction-${stamp}`;
  await joinLibraryAs(browser, page, newPerson('Fil'), 'COMMENTER');
  await page.goto(READER);
  for (const [sentence, tags] of [
    ['The trend of radicalised individuals', tag],
    ['It shows the rising potential', 'claim'],
  ] as const) {
    await selectSentence(page, sentence);
    await page.getByRole('button', { name: 'Annotate' }).click();
    const composer = page.getByRole('dialog', { name: 'New annotation' });
    await composer.getByLabel('Comment').fill(`${sentence} (${stamp})`);
    await composer.getByLabel('Tags').fill(tags);
    await composer.getByRole('button', { name: 'Save' }).click();
    await expect(composer).toBeHidden();
  }
  const annotations = page.getByRole('region', { name: 'Annotations' });
  await annotations.getByText('Filter', { exact: true }).click();
  await annotations.getByLabel('Tag', { exact: true }).selectOption(tag);
  await annotations.getByRole('button', { name: 'Apply filter' }).click();
  await expect(page).toHaveURL(new RegExp(`tag=${tag}`));
  await expect(annotations.getByRole('article')).toHaveCount(1);
  await expect(annotations.getByRole('article')).toContainText(`The trend of radicalised individuals (${stamp})`);
  await expect(page.locator('mark').filter({ hasText: 'radicalised individuals' }).first()).toBeVisible();
  await expect(page.locator('mark').filter({ hasText: 'It shows the rising potential' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('region', { name: 'Annotations' }).getByRole('article')).toHaveCount(1);
});

test('search finds a word in an annotation and in the text, and each result lands on its place', async ({ browser, page }) => {
  const stamp = Date.now().toString(36);
  await joinLibraryAs(browser, page, newPerson('Sam'), 'COMMENTER');
  await page.goto(READER);
  await selectSentence(page, 'Some exceptions to this');
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(`Khalimov defected with US training (${stamp})`);
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();

  await page.getByRole('searchbox', { name: 'Search' }).fill(`Khalimov ${stamp}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('region', { name: 'Results' }).getByRole('link').first().click();
  await expect(page).toHaveURL(/#annotation-/);
  await expect(page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: `Khalimov defected with US training (${stamp})` })).toBeInViewport();

  await page.goto('/search?q=Khalimov');
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByText('Text · Exporting Jihad', { exact: false })).toBeVisible();
  await results.getByRole('listitem').filter({ hasText: /^Text ·/ }).getByRole('link').click();
  await expect(page).toHaveURL(/#p-\d+$/);
  const paragraphId = new URL(page.url()).hash.slice(1);
  await expect(page.locator(`[id="${paragraphId}"]`)).toBeInViewport();
  await expect(page.locator(`[id="${paragraphId}"]`)).toContainText('Khalimov');
});

test('a very long or odd search gets an answer, never an error page', async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('"unbalanced tag: -OR émigrés 🙂 \\ %_')}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
  await expect(page.getByRole('status')).toBeVisible();
  const response = await page.goto(`/search?q=${'a'.repeat(10_000)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('alert').filter({ hasText: 'Search for at most 500 characters' })).toBeVisible();
});
