import { expect, test, type Page } from '@playwright/test';
import { joinLibraryAs, LIBRARY_OWNER, newPerson, selectSentence, signIn } from './support';

const READER = '/documents/exporting-jihad';
const SECOND_SECTION_SENTENCE = 'Since the outbreak of war in 2011';

async function annotate(page: Page, sentence: string, fields: { comment: string; tags?: string; visibility?: 'Only me' | 'The workspace' }) {
  await selectSentence(page, sentence);
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(fields.comment);
  if (fields.tags) await composer.getByLabel('Tags').fill(fields.tags);
  if (fields.visibility) await composer.getByLabel('Visibility').selectOption({ label: fields.visibility });
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
}

test('two members annotate, reply and resolve; a private note stays private', async ({ browser, page }) => {
  const stamp = Date.now().toString(36);
  const sharedComment = `Is this range sourced? ${stamp}`;
  const privateComment = `Private doubt ${stamp}`;
  const bob = newPerson('Bob');
  const bobContext = await browser.newContext();
  const bobPage = await bobContext.newPage();
  await joinLibraryAs(browser, bobPage, bob, 'COMMENTER');

  await signIn(page, LIBRARY_OWNER);
  await page.goto(READER);
  await annotate(page, SECOND_SECTION_SENTENCE, { comment: sharedComment, tags: 'statistic', visibility: 'The workspace' });
  const annotations = page.getByRole('region', { name: 'Annotations' });
  const shared = annotations.getByRole('article').filter({ hasText: sharedComment });
  await expect(shared).toContainText('statistic');
  await expect(page.locator('mark').filter({ hasText: 'between 2 and 5 thousand volunteers' }).first()).toBeVisible();
  await annotate(page, 'The largest exodus of volunteers', { comment: privateComment, visibility: 'Only me' });
  await expect(annotations.getByRole('article').filter({ hasText: privateComment })).toContainText('Only me');

  await bobPage.goto(READER);
  const bobShared = bobPage.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: sharedComment });
  await expect(bobShared).toBeVisible();
  await expect(bobPage.locator('mark').filter({ hasText: 'between 2 and 5 thousand volunteers' }).first()).toBeVisible();
  await expect(bobShared.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await bobShared.getByRole('button', { name: 'Reply' }).click();
  await bobShared.getByLabel('Reply').fill(`The OSW figure comes from national services ${stamp}`);
  await bobShared.getByRole('button', { name: 'Post reply' }).click();
  await expect(bobPage.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: `national services ${stamp}` })).toBeVisible();

  // The private note is in neither Bob's page nor the data sent to it.
  await expect(bobPage.getByText(privateComment)).toHaveCount(0);
  const bobHtml = await (await bobPage.request.get(READER)).text();
  expect(bobHtml).not.toContain(privateComment);
  expect(bobHtml).toContain(sharedComment);

  await page.reload();
  const ownerShared = page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: sharedComment });
  await expect(page.getByRole('region', { name: 'Annotations' }).getByText(`national services ${stamp}`)).toBeVisible();
  await ownerShared.getByRole('button', { name: 'Resolve' }).click();
  await ownerShared.getByLabel('Resolution note (optional)').fill('Sourced in note 13');
  await ownerShared.getByRole('button', { name: 'Resolve thread' }).click();
  await expect(ownerShared).toContainText('Resolved by Lena Library: Sourced in note 13');

  await bobPage.reload();
  await expect(bobPage.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: sharedComment })).toContainText('Resolved');
  await bobContext.close();
});

test('script in a comment or a javascript: link renders inert', async ({ browser, page }) => {
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  await joinLibraryAs(browser, page, newPerson('Xena'), 'COMMENTER');
  await page.goto(READER);
  const stamp = Date.now().toString(36);
  await annotate(page, 'It shows the rising potential', { comment: `<img src=x onerror=alert(1)> [click me ${stamp}](javascript:alert(1)) <script>alert(2)</script>`, visibility: 'Only me' });
  const card = page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: `click me ${stamp}` });
  await expect(card).toBeVisible();
  await expect(card.locator('img')).toHaveCount(0);
  await expect(card.locator('script')).toHaveCount(0);
  const link = card.getByText(`click me ${stamp}`);
  expect(await link.evaluate((element) => element.closest('a')?.getAttribute('href') ?? '')).not.toMatch(/^javascript:/i);
  await link.click();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: `click me ${stamp}` })).toBeVisible();
  expect(dialogs).toBe(0);
});

test('a draft survives a reload, and one click highlights', async ({ browser, page }) => {
  await joinLibraryAs(browser, page, newPerson('Dora'), 'COMMENTER');
  await page.goto(READER);
  await selectSentence(page, 'Previously, on April 3rd');
  await page.keyboard.press('a');
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill('Half-written thought');
  await page.reload();
  await expect(page.getByRole('dialog', { name: 'New annotation' }).getByLabel('Comment')).toHaveValue('Half-written thought');
  await page.getByRole('dialog', { name: 'New annotation' }).getByRole('button', { name: 'Discard' }).click();

  await selectSentence(page, 'Within Central Asia itself the level');
  await page.getByRole('button', { name: 'Highlight' }).click();
  await expect(page.locator('mark').filter({ hasText: 'Within Central Asia itself' }).first()).toBeVisible();
});

test('a selection outside the paragraphs gets a clear message instead of an Annotate button', async ({ browser, page }) => {
  await joinLibraryAs(browser, page, newPerson('Omar'), 'VIEWER');
  await page.goto(READER);
  await page.getByRole('heading', { level: 1 }).evaluate((heading) => {
    const range = document.createRange();
    range.selectNodeContents(heading);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Select words of the document’s paragraphs' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Annotate' })).toHaveCount(0);
});

test('? lists the keyboard shortcuts', async ({ page }) => {
  await page.goto(READER, { waitUntil: 'networkidle' });
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('Annotate the selected passage');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
