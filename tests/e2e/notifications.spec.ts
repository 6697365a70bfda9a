import { expect, test, type Locator, type Page } from '@playwright/test';
import { joinLibraryAs, newPerson, selectSentence } from './support';

const READER = '/documents/exporting-jihad';
// No other test annotates this sentence.
const SENTENCE = 'While based in Afghanistan, IMU became an important ally of the Taliban';
const LIVE_WITHIN = { timeout: 5_000 };

async function replyIn(card: Locator, text: string, mention?: { typed: string; name: string }): Promise<void> {
  await card.getByRole('button', { name: 'Reply', exact: true }).click();
  const field = card.getByRole('textbox', { name: 'Reply' });
  await field.fill(text);
  if (mention) {
    await field.pressSequentially(` @${mention.typed}`);
    const listbox = card.page().getByRole('listbox', { name: 'People to mention' });
    await expect(listbox.getByRole('option', { name: `@${mention.name}` })).toBeVisible();
    await field.press('Enter');
    await expect(field).toHaveValue(new RegExp(`@\\[${mention.name}\\]\\(user:[0-9a-f-]{36}\\) $`));
  }
  await card.getByRole('button', { name: 'Post reply' }).click();
  await expect(card.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
}

const unreadLink = (page: Page, count: number) => page.getByRole('link', { name: `Notifications, ${count} unread` });

test('a mention in a reply reaches the person live, opens the reply, and an unfollowed thread stops sending items', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const bea = newPerson(`Bea Mentioned ${stamp}`);
  const beaPage = await (await browser.newContext()).newPage();
  await joinLibraryAs(browser, beaPage, bea, 'COMMENTER');
  // Bea waits on another page altogether: the count must reach her wherever she is.
  await beaPage.goto('/workspaces/marginalia');
  await expect(beaPage.getByRole('link', { name: 'Notifications, none unread' })).toBeVisible();
  await beaPage.evaluate(() => Object.assign(window, { isSamePage: true }));

  const adaPage = await (await browser.newContext()).newPage();
  await joinLibraryAs(browser, adaPage, newPerson(`Ada ${stamp}`), 'COMMENTER');
  await adaPage.goto(READER);
  await selectSentence(adaPage, SENTENCE);
  await adaPage.getByRole('button', { name: 'Annotate' }).click();
  const composer = adaPage.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(`Which year? ${stamp}`);
  await composer.getByLabel('Visibility').selectOption({ label: 'The workspace' });
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
  const adaCard = adaPage.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: `Which year? ${stamp}` }).first();
  await replyIn(adaCard, 'Worth a look,', { typed: 'Bea Men', name: bea.name });
  await expect(adaPage.getByText(`@${bea.name}`).first()).toBeVisible();

  await expect(unreadLink(beaPage, 1)).toBeVisible(LIVE_WITHIN);
  expect(await beaPage.evaluate(() => (window as unknown as { isSamePage?: boolean }).isSamePage)).toBe(true);
  await unreadLink(beaPage, 1).click();
  await expect(beaPage.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const item = beaPage.getByRole('link', { name: new RegExp(`mentioned you .*Worth a look, @${bea.name}`) });
  await item.click();
  await expect(beaPage).toHaveURL(/#annotation-[0-9a-f-]{36}$/);
  const replyId = new URL(beaPage.url()).hash.slice('#annotation-'.length);
  const replyCard = beaPage.locator(`#annotation-${replyId}`);
  await expect(replyCard).toBeVisible();
  await expect(replyCard).toContainText(`Worth a look, @${bea.name}`);
  await expect(beaPage.getByRole('link', { name: 'Notifications, none unread' })).toBeVisible();

  // Bea replies, so she follows the thread; Ada's next reply reaches her.
  const beaCard = beaPage.getByRole('region', { name: 'Annotations' }).getByRole('article').filter({ hasText: `Which year? ${stamp}` }).first();
  await replyIn(beaCard, `I will check ${stamp}`);
  await expect(beaCard.getByRole('button', { name: 'Unfollow thread' })).toBeVisible();
  await replyIn(adaCard, `Reply one ${stamp}`);
  await expect(unreadLink(beaPage, 1)).toBeVisible(LIVE_WITHIN);

  await beaCard.getByRole('button', { name: 'Unfollow thread' }).click();
  await expect(beaCard.getByRole('button', { name: 'Follow thread' })).toBeVisible();
  await replyIn(adaCard, `Reply two ${stamp}`);
  // A mention still reaches her; by then the reply before it would have too, had she still followed.
  await replyIn(adaCard, 'And again', { typed: 'Bea Men', name: bea.name });
  await expect(unreadLink(beaPage, 2)).toBeVisible(LIVE_WITHIN);
  await beaPage.goto('/notifications');
  const items = beaPage.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
  await expect(items.filter({ hasText: `Reply one ${stamp}` })).toHaveCount(1);
  await expect(items.filter({ hasText: 'And again' })).toHaveCount(1);
  await expect(items.filter({ hasText: `Reply two ${stamp}` })).toHaveCount(0);

  await beaPage.getByRole('button', { name: 'Mark all read' }).click();
  await expect(beaPage.getByRole('link', { name: 'Notifications, none unread' })).toBeVisible();
  await expect(beaPage.getByText('All read.')).toBeVisible();
});
