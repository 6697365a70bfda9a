import { expect, test } from '@playwright/test';
import { newPerson, signIn, signOut, signUp } from './support';

test('a person signs up, signs out and signs in again', async ({ page }) => {
  const ada = newPerson('Ada');
  await signUp(page, ada);
  await signOut(page);
  await signIn(page, ada);
  const session = await page.request.get('/api/auth/session');
  expect(await session.json()).toEqual({ user: { name: 'Ada', email: ada.email }, expires: expect.any(String) });
});

test('the sign-up form explains each mistake next to its field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Name')).toHaveAccessibleDescription('Enter your name.');
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/Enter an email address like/);
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/Use at least 10 characters/);

  await page.getByLabel('Name').fill('Bo');
  await page.getByLabel('Email').fill(newPerson('Bo').email);
  await page.getByLabel('Password').fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/among the most common/);
});

test('a wrong password does not say whether the e-mail has an account', async ({ page }) => {
  const cy = newPerson('Cy');
  await signUp(page, cy);
  await signOut(page);
  await page.goto('/signin');
  await page.getByLabel('Email').fill(cy.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const wrongPassword = await page.getByRole('alert').filter({ hasText: /./ }).textContent();
  await page.getByLabel('Email').fill(newPerson('Nobody').email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toHaveText(wrongPassword ?? 'missing');
});

test('an owner invites a commenter by link, who joins and is then made a viewer', async ({ browser }) => {
  const owner = newPerson('Olga');
  const guest = newPerson('Gus');
  const ownerContext = await browser.newContext();
  const guestContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  const guestPage = await guestContext.newPage();

  await signUp(ownerPage, owner);
  await ownerPage.getByRole('link', { name: 'New workspace' }).click();
  await ownerPage.getByLabel('Workspace name').fill('Central Asia desk');
  await ownerPage.getByRole('button', { name: 'Create workspace' }).click();
  await expect(ownerPage.getByRole('heading', { level: 1, name: 'Central Asia desk' })).toBeVisible();

  await ownerPage.getByLabel('Role', { exact: true }).selectOption('COMMENTER');
  await ownerPage.getByRole('button', { name: 'Create invite link' }).click();
  const inviteLink = await ownerPage.getByLabel('Invite link').inputValue();
  expect(inviteLink).toMatch(/\/invites\/[\w-]{20,}$/);

  await guestPage.goto(inviteLink);
  await expect(guestPage.getByRole('heading', { level: 1, name: 'Join Central Asia desk' })).toBeVisible();
  await guestPage.getByRole('link', { name: 'Create an account to join' }).click();
  await expect(guestPage).toHaveURL(/\/signup\?returnTo=/);
  await signUp(guestPage, guest, guestPage.url());
  await guestPage.getByRole('button', { name: 'Join Central Asia desk' }).click();
  await expect(guestPage.getByRole('heading', { level: 1, name: 'Central Asia desk' })).toBeVisible();
  await expect(guestPage.getByText('You are commenter of this workspace.')).toBeVisible();
  await guestPage.goto('/');
  await expect(guestPage.getByRole('link', { name: 'Central Asia desk' })).toBeVisible();

  await ownerPage.reload();
  await ownerPage.getByLabel(`Role for ${guest.name}`).selectOption('VIEWER');
  await ownerPage.getByRole('button', { name: `Change role of ${guest.name}` }).click();
  await expect(async () => {
    await guestPage.goto('/');
    await expect(guestPage.getByText(/^Viewer · 2 members/)).toBeVisible({ timeout: 1_000 });
  }).toPass();

  await ownerContext.close();
  await guestContext.close();
});
