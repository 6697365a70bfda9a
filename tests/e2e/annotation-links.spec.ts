import { expect, test, type Page } from '@playwright/test';
import { joinLibraryAs, LIBRARY_OWNER, newPerson, selectSentence, signIn } from './support';

const READER = '/documents/exporting-jihad';
// No other test annotates these sentences.
const CLAIM = 'Contrary to the Central Asian states’ narrative, mass departures to Syria have so far not generated additional threats';
const DOUBT = 'Though the role of Islam is increasing in the Central Asian societies, the scale of the phenomenon is often exaggerated';
const LIVE_WITHIN = { timeout: 5_000 };

async function annotate(page: Page, sentence: string, comment: string): Promise<void> {
  await selectSentence(page, sentence);
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(comment);
  await composer.getByLabel('Visibility').selectOption({ label: 'The workspace' });
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
}

// With SCREENSHOT_DIR set, the run also keeps pictures of a card with its link at desktop and phone widths, light and dark.
async function keepPictures(page: Page, comment: string): Promise<void> {
  const directory = process.env.SCREENSHOT_DIR;
  if (!directory) return;
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, width] of [['desktop', 1280], ['phone', 375]] as const) {
      const view = await page.context().newPage();
      await view.setViewportSize({ width, height: 900 });
      await view.emulateMedia({ colorScheme });
      await view.goto(`${READER}?link=contradicts`);
      if (width < 600) await view.getByRole('button', { name: 'Annotations', exact: true }).click();
      const card = view.getByRole('article').filter({ hasText: comment });
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `${directory}/link-card-${name}-${colorScheme}.png` });
      await view.screenshot({ path: `${directory}/link-reader-${name}-${colorScheme}.png` });
      await view.close();
    }
  }
}

test('a link made from a card shows on both cards, reaches a teammate live, and filters the list', async ({ browser, page }) => {
  // Two browsers, two annotations, a search and a filter: more steps than the default allows on a busy machine.
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const bobContext = await browser.newContext();
  const bobPage = await bobContext.newPage();
  await joinLibraryAs(browser, bobPage, newPerson('Bob'), 'COMMENTER');

  await signIn(page, LIBRARY_OWNER);
  await page.goto(READER);
  await annotate(page, CLAIM, `Claim ${run}`);
  await annotate(page, DOUBT, `Doubt ${run}`);
  const annotations = page.getByRole('region', { name: 'Annotations' });
  const claimCard = annotations.getByRole('article').filter({ hasText: `Claim ${run}` });
  const doubtCard = annotations.getByRole('article').filter({ hasText: `Doubt ${run}` });
  await expect(doubtCard).toBeVisible();

  await bobPage.goto(READER);
  const bobClaim = bobPage.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: `Claim ${run}` });
  await expect(bobClaim).toBeVisible();

  await doubtCard.getByRole('button', { name: 'Link…' }).click();
  const form = doubtCard.getByRole('form', { name: 'Link to another annotation' });
  await form.getByRole('combobox', { name: 'Link type' }).selectOption({ label: 'This contradicts…' });
  await form.getByRole('searchbox', { name: 'Find an annotation' }).fill('mass departures to Syria');
  await form.getByRole('radio', { name: /mass departures to Syria/ }).first().check();
  await form.getByLabel('Reason (optional)').fill('The exaggeration argument cuts the other way');
  await form.getByRole('button', { name: 'Save link' }).click();
  await expect(form).toBeHidden();

  await expect(doubtCard.getByRole('list', { name: 'Links' })).toContainText('Contradicts');
  await expect(doubtCard.getByRole('link', { name: /mass departures to Syria/ })).toBeVisible();
  await expect(doubtCard).toContainText('Why: The exaggeration argument cuts the other way');
  await expect(claimCard.getByRole('list', { name: 'Links' })).toContainText('Contradicted by');
  await expect(claimCard.getByRole('link', { name: /the scale of the phenomenon is often exaggerated/ })).toBeVisible();
  await expect(bobClaim.getByRole('list', { name: 'Links' })).toContainText('Contradicted by', LIVE_WITHIN);

  await annotations.getByText('Filter', { exact: true }).click();
  await annotations.getByRole('combobox', { name: 'Links', exact: true }).selectOption({ label: 'Contradicts' });
  await annotations.getByRole('button', { name: 'Apply filter' }).click();
  await expect(page).toHaveURL(/link=contradicts/);
  await expect(claimCard).toBeVisible();
  await expect(doubtCard).toBeVisible();
  const cards = annotations.getByRole('article');
  for (const text of await cards.allTextContents()) expect(text).toMatch(/Contradict/);
  await bobContext.close();
  await keepPictures(page, `Doubt ${run}`);
});
