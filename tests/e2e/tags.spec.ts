import { expect, test } from '@playwright/test';
import { joinLibraryAs, newPerson, selectSentence } from './support';

const READER = '/documents/exporting-jihad';

test('the Tags field works by keyboard alone: a suggestion and a new word become chips, Enter never submits, Save stores the chips', async ({ browser, page }) => {
  const stamp = Date.now().toString(36);
  const comment = `Tagged by keyboard ${stamp}`;
  await joinLibraryAs(browser, page, newPerson('Kira'), 'COMMENTER');
  await page.goto(READER);
  await selectSentence(page, 'Since the outbreak of war in 2011');
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(comment);
  const tags = composer.getByRole('combobox', { name: 'Tags' });
  await tags.focus();
  // Enter in the empty field submits nothing.
  await tags.press('Enter');
  await expect(composer).toBeVisible();

  await tags.pressSequentially('stat');
  await expect(composer.getByRole('option', { name: 'statistic' })).toBeVisible();
  await expect(tags).toHaveAttribute('aria-expanded', 'true');
  await tags.press('ArrowDown');
  await expect(composer.getByRole('option', { name: 'statistic' })).toHaveAttribute('aria-selected', 'true');
  await tags.press('Enter');
  await expect(composer.getByRole('button', { name: 'Remove tag statistic' })).toBeVisible();
  await expect(composer).toBeVisible();
  await expect(tags).toHaveValue('');
  await expect(tags).toBeFocused();

  const word = `unfinished-${stamp}`;
  await tags.pressSequentially(word);
  await tags.press('Enter');
  await expect(composer.getByRole('button', { name: `Remove tag ${word}` })).toBeVisible();
  await expect(composer).toBeVisible();
  await tags.press('Backspace');
  await expect(composer.getByRole('button', { name: `Remove tag ${word}` })).toHaveCount(0);
  await expect(composer.getByRole('button', { name: 'Remove tag statistic' })).toBeVisible();

  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
  const card = page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: comment });
  await expect(card.getByRole('list', { name: 'Tag list' }).getByRole('listitem')).toHaveText(['statistic']);

  // Stored, not just shown: the card after a reload has exactly the one tag, and its editor uses the same field.
  await page.reload();
  const stored = page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: comment });
  await expect(stored.getByRole('list', { name: 'Tag list' }).getByRole('listitem')).toHaveText(['statistic']);
  await stored.getByRole('button', { name: 'Edit' }).click();
  const editTags = stored.getByRole('combobox', { name: 'Tags' });
  await expect(stored.getByRole('button', { name: 'Remove tag statistic' })).toBeVisible();
  await editTags.pressSequentially('clai');
  await expect(stored.getByRole('option', { name: 'claim' })).toBeVisible();
  await editTags.press('ArrowDown');
  await editTags.press('Enter');
  await expect(stored.getByRole('button', { name: 'Remove tag claim' })).toBeVisible();
  await stored.getByRole('button', { name: 'Save' }).click();
  await expect(stored.getByRole('list', { name: 'Tag list' }).getByRole('listitem')).toHaveText(['claim', 'statistic']);
});
