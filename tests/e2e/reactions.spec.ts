import { expect, test } from '@playwright/test';
import { joinLibraryAs, LIBRARY_OWNER, newPerson, selectSentence, signIn } from './support';

const READER = '/documents/exporting-jihad';
// No other test annotates this sentence, so its card is this test's alone.
const SENTENCE = 'During the first period (1990-2000)';
const LIVE_WITHIN = { timeout: 2_000 };

test('a teammate’s "agree" shows on the card for its author live, with who gave it, and a second click takes it back', async ({ browser, page }) => {
  // Two people, an invite and a sign-up: more than the default half minute on a busy machine.
  test.setTimeout(120_000);
  const comment = `Worth a reaction ${Date.now().toString(36)}`;
  await signIn(page, LIBRARY_OWNER);
  await page.goto(READER);
  await selectSentence(page, SENTENCE);
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(comment);
  await composer.getByLabel('Visibility').selectOption({ label: 'The workspace' });
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
  const ownerCard = page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: comment });
  await expect(ownerCard.getByRole('button', { name: 'Agree: nobody yet', exact: true })).toBeVisible();
  await page.evaluate(() => Object.assign(window, { isSamePage: true }));

  const bea = newPerson('Bea');
  const beaContext = await browser.newContext();
  const beaPage = await beaContext.newPage();
  await joinLibraryAs(browser, beaPage, bea, 'COMMENTER');
  await beaPage.goto(READER);
  const beaCard = beaPage.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: comment });
  const agree = beaCard.getByRole('group', { name: 'Reactions' }).getByRole('button', { name: /^Agree:/ });
  await expect(agree).toHaveAttribute('aria-pressed', 'false');
  await agree.click();
  await expect(agree).toHaveAttribute('aria-pressed', 'true');
  await expect(agree).toHaveAccessibleName(`Agree: 1, ${bea.name}`);

  await expect(ownerCard.getByRole('button', { name: `Agree: 1, ${bea.name}`, exact: true })).toBeVisible(LIVE_WITHIN);
  await expect(ownerCard.getByRole('button', { name: `Agree: 1, ${bea.name}`, exact: true })).toHaveAttribute('aria-pressed', 'false');

  await agree.click();
  await expect(agree).toHaveAccessibleName('Agree: nobody yet');
  await expect(ownerCard.getByRole('button', { name: 'Agree: nobody yet', exact: true })).toBeVisible(LIVE_WITHIN);
  expect(await page.evaluate(() => (window as unknown as { isSamePage?: boolean }).isSamePage)).toBe(true);
  await beaContext.close();
});
