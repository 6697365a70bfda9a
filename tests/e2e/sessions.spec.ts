import { expect, test } from '@playwright/test';
import { newPerson, signIn, signOut, signUp } from './support';

test('Settings lists each signed-in browser, and Sign out on one ends it on that device', async ({ browser }) => {
  const lea = newPerson('Lea');
  const laptop = await browser.newContext();
  const phone = await browser.newContext({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1' });
  const laptopPage = await laptop.newPage();
  const phonePage = await phone.newPage();
  await signUp(laptopPage, lea);
  await signIn(phonePage, lea);

  await laptopPage.goto('/settings');
  const sessions = laptopPage.getByRole('list', { name: 'Active sessions' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByRole('listitem').filter({ hasText: 'this browser' })).toContainText('Chrome on');
  await sessions.getByRole('button', { name: /^Sign out Safari on iOS, last seen / }).click();
  await expect(sessions.getByRole('listitem')).toHaveCount(1);

  await phonePage.goto('/settings');
  await expect(phonePage).toHaveURL(/\/signin/);
  await laptop.close();
  await phone.close();
});

test('signing out ends the session on the server, so a copy of its cookie stops working', async ({ browser }) => {
  const max = newPerson('Max');
  const original = await browser.newContext();
  const page = await original.newPage();
  await signUp(page, max);

  const copy = await browser.newContext();
  await copy.addCookies(await original.cookies());
  const copyPage = await copy.newPage();
  await copyPage.goto('/settings');
  await expect(copyPage.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();

  await page.goto('/');
  await signOut(page);
  await copyPage.goto('/settings');
  await expect(copyPage).toHaveURL(/\/signin/);
  await original.close();
  await copy.close();
});
