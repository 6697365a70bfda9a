import { expect, test, type Page } from '@playwright/test';
import { joinLibraryAs, newPerson, selectSentence, signIn } from './support';

const READER = '/documents/exporting-jihad';
const SENTENCE = 'The second phase of growth of the radical Islamic organisations';

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '');

async function annotate(page: Page, comment: string): Promise<void> {
  await selectSentence(page, SENTENCE);
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(comment);
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
}

const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
const toTop = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));

// Moves focus with j, from the passage's paragraph, until it rests on a highlight in the annotated sentence.
async function focusHighlightIn(page: Page, sentence: string): Promise<void> {
  await page.locator('.sentence', { hasText: sentence }).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await blur(page);
  for (let i = 0; i < 50; i++) {
    await page.keyboard.press('j');
    const isOnIt = await page.evaluate((wanted) => {
      const active = document.activeElement;
      return active instanceof HTMLElement && active.matches('mark.highlight') && Boolean(active.closest('.sentence')?.textContent?.includes(wanted));
    }, sentence);
    if (isOnIt) return;
  }
  throw new Error('j never reached the highlight');
}

test('the reader is driven from the keyboard: note markers, highlights, reply, resolve, lens, search and the list', async ({ browser, page }) => {
  const comment = `Keyboard check ${Date.now().toString(36)}`;
  await joinLibraryAs(browser, page, newPerson('Keys'), 'COMMENTER');
  await page.goto(READER);
  await annotate(page, comment);

  // Note markers: n and p move between them from the reading position, o opens the focused one's note.
  await toTop(page);
  await blur(page);
  await page.keyboard.press('n');
  expect(await focusedName(page)).toBe('Footnote 1');
  await page.keyboard.press('n');
  expect(await focusedName(page)).toBe('Footnote 2');
  await page.keyboard.press('p');
  expect(await focusedName(page)).toBe('Footnote 1');
  await page.keyboard.press('o');
  await expect(page.getByRole('button', { name: 'Footnote 1', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('region', { name: 'Footnote 1', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Footnote 1', exact: true }).click();

  // A highlight reached with j opens its card with Enter; r replies there, and typing a j in the reply types a j.
  await focusHighlightIn(page, SENTENCE);
  await page.keyboard.press('Enter');
  const card = page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: comment });
  await expect(card).toBeFocused();
  await page.keyboard.press('r');
  const reply = card.getByRole('textbox', { name: 'Reply' });
  await expect(reply).toBeFocused();
  await page.keyboard.type('just a jot');
  await expect(reply).toHaveValue('just a jot');
  await card.getByRole('button', { name: 'Cancel' }).click();
  await card.focus();
  await page.keyboard.press('x');
  await expect(card.getByRole('textbox', { name: 'Resolution note (optional)' })).toBeFocused();
  await card.getByRole('button', { name: 'Cancel' }).click();

  // c turns the citation lens on, / goes to search, l to the list, ? lists every shortcut.
  await blur(page);
  await page.keyboard.press('c');
  await expect(page.getByRole('button', { name: 'Citation lens' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  await blur(page);
  await page.keyboard.press('l');
  await expect(page.getByRole('region', { name: 'Annotations' }).getByRole('article').first()).toBeFocused();
  await blur(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const key of ['j', 'k', 'n', 'p', 'o', 'r', 'x', 'c', 'l', '/', 'Enter']) await expect(help.getByRole('term').filter({ hasText: new RegExp(`^${key.replace('/', '\\/')}$`) })).toHaveCount(1);
  // While the list is open, the keys behind it do nothing.
  await page.keyboard.press('c');
  await expect(page.getByRole('button', { name: 'Citation lens' })).toHaveAttribute('aria-pressed', 'true');
});

test('single-key shortcuts can be turned off in Settings, for this person on every device', async ({ browser, page }) => {
  const person = newPerson('Quiet');
  await joinLibraryAs(browser, page, person, 'COMMENTER');
  await page.goto('/settings');
  await page.getByRole('checkbox', { name: 'Single-key shortcuts' }).uncheck();
  await page.getByRole('button', { name: 'Save shortcuts' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Single-key shortcuts are off.' })).toBeVisible();

  const elsewhere = await (await browser.newContext()).newPage();
  await signIn(elsewhere, person);
  await elsewhere.goto(READER);
  await toTop(elsewhere);
  await blur(elsewhere);
  await elsewhere.keyboard.press('n');
  await elsewhere.keyboard.press('?');
  expect(await focusedName(elsewhere)).not.toBe('Footnote 1');
  await expect(elsewhere.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await elsewhere.goto('/settings');
  await expect(elsewhere.getByRole('checkbox', { name: 'Single-key shortcuts' })).not.toBeChecked();
  await elsewhere.getByRole('checkbox', { name: 'Single-key shortcuts' }).check();
  await elsewhere.getByRole('button', { name: 'Save shortcuts' }).click();
  await expect(elsewhere.getByRole('status').filter({ hasText: 'Single-key shortcuts are on.' })).toBeVisible();
  await elsewhere.goto(READER);
  await toTop(elsewhere);
  await blur(elsewhere);
  await elsewhere.keyboard.press('n');
  expect(await focusedName(elsewhere)).toBe('Footnote 1');
  await elsewhere.context().close();
});
