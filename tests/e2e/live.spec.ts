import { expect, test, type Page } from '@playwright/test';
import { joinLibraryAs, LIBRARY_OWNER, newPerson, selectSentence, signIn } from './support';

const READER = '/documents/exporting-jihad';
// No other test annotates this sentence, so its highlight is this test's alone.
const SENTENCE = 'Central Asian Islamic terrorism is not a new phenomenon';
const LIVE_WITHIN = { timeout: 2_000 };

test('what a teammate writes appears for another reader without a reload, marked new, and goes when deleted', async ({ browser, page }) => {
  const comment = `Seen live ${Date.now().toString(36)}`;
  const bobContext = await browser.newContext();
  const bobPage = await bobContext.newPage();
  await joinLibraryAs(browser, bobPage, newPerson('Bob'), 'COMMENTER');
  await bobPage.goto(READER);
  const bobAnnotations = bobPage.getByRole('region', { name: 'Annotations' });
  const bobCard = bobAnnotations.getByRole('article').filter({ hasText: comment });
  const bobHighlight = bobPage.locator('mark').filter({ hasText: 'not a new phenomenon' });
  // Bob's page must never reload: a reload would reset this mark on its window.
  await bobPage.evaluate(() => Object.assign(window, { isSamePage: true }));

  await signIn(page, LIBRARY_OWNER);
  await page.goto(READER);
  await expect(bobPage.getByText(/Reading now: .*Lena Library/)).toBeVisible();
  await selectSentence(page, SENTENCE);
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(comment);
  await composer.getByLabel('Visibility').selectOption({ label: 'The workspace' });
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();

  await expect(bobCard).toBeVisible(LIVE_WITHIN);
  await expect(bobHighlight.first()).toBeVisible(LIVE_WITHIN);
  await expect(bobCard).toHaveAttribute('data-live-new', 'true');
  await expect(bobPage.getByRole('status').filter({ hasText: /new annotations? by .*Lena Library/ })).toBeAttached();

  const card = page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: comment });
  page.once('dialog', (dialog) => dialog.accept());
  await card.getByRole('button', { name: 'Delete' }).click();
  await expect(card).toHaveCount(0);
  await expect(bobCard).toHaveCount(0, LIVE_WITHIN);
  await expect(bobHighlight).toHaveCount(0, LIVE_WITHIN);
  expect(await bobPage.evaluate(() => (window as unknown as { isSamePage?: boolean }).isSamePage)).toBe(true);
  await bobContext.close();
});

test('an edit saved in another tab meets the open editor as a conflict instead of being overwritten', async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await joinLibraryAs(browser, first, newPerson('Edda'), 'COMMENTER');
  await first.goto(READER);
  await selectSentence(first, 'Since that time it underwent a significant evolution');
  await first.getByRole('button', { name: 'Annotate' }).click();
  const composer = first.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill('First thoughts');
  await composer.getByLabel('Visibility').selectOption({ label: 'Only me' });
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
  const second = await context.newPage();
  await second.goto(READER);
  const cardIn = (page: Page) => page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: 'Since that time it underwent' });

  await cardIn(first).getByRole('button', { name: 'Edit' }).click();
  await cardIn(first).getByLabel('Comment').fill('Typed in the first tab');
  await cardIn(second).getByRole('button', { name: 'Edit' }).click();
  await cardIn(second).getByLabel('Comment').fill('Saved from the second tab');
  await cardIn(second).getByRole('button', { name: 'Save' }).click();
  await expect(cardIn(second)).toContainText('Saved from the second tab');

  await expect(first.getByText('Live updates paused while you edit')).toBeVisible(LIVE_WITHIN);
  await cardIn(first).getByRole('button', { name: 'Save' }).click();
  await expect(cardIn(first)).toContainText('The newer text, saved meanwhile');
  await expect(cardIn(first)).toContainText('Saved from the second tab');
  await cardIn(first).getByRole('button', { name: 'Save over the newer text' }).click();
  await expect(cardIn(first)).toContainText('Typed in the first tab');
  await expect(first.getByText('Live updates paused while you edit')).toHaveCount(0);
  await expect(cardIn(second)).toContainText('Typed in the first tab', LIVE_WITHIN);
  await context.close();
});

test('a new version of the text imported by a teammate replaces what another reader sees, without a reload, and is announced', async ({ browser, page }) => {
  const slug = `versioned-${Date.now().toString(36)}`;
  const text = (lead: string) => ['# Field notes', '', lead, '', 'The convoy crossed the river that night.', ''].join('\n');
  await signIn(page, LIBRARY_OWNER);
  await page.goto('/');
  const first = await page.request.post(`/api/workspaces/marginalia/documents?slug=${slug}`, { data: text('The first lead says one thing.'), headers: { 'Content-Type': 'text/markdown' } });
  expect(first.status()).toBe(201);

  const bobContext = await browser.newContext();
  const bobPage = await bobContext.newPage();
  await joinLibraryAs(browser, bobPage, newPerson('Bob'), 'VIEWER');
  await bobPage.goto(`/documents/${slug}`);
  await expect(bobPage.getByText('The first lead says one thing.')).toBeVisible();
  await bobPage.evaluate(() => Object.assign(window, { isSamePage: true }));

  const second = await page.request.post(`/api/workspaces/marginalia/documents?slug=${slug}`, { data: text('The second lead says another.'), headers: { 'Content-Type': 'text/markdown' } });
  expect(second.status()).toBe(201);
  await expect(bobPage.getByText('The second lead says another.')).toBeVisible(LIVE_WITHIN);
  await expect(bobPage.getByText('The first lead says one thing.')).toHaveCount(0);
  await expect(bobPage.getByRole('status').filter({ hasText: /The text is now its newest version/ })).toBeAttached();
  expect(await bobPage.evaluate(() => (window as unknown as { isSamePage?: boolean }).isSamePage)).toBe(true);
  await bobContext.close();
});
