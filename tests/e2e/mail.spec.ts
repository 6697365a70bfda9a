import { expect, test } from '@playwright/test';
import { linkIn, waitForMails } from './mail';
import { LIBRARY_OWNER, newPerson, signIn, signOut, signUp } from './support';

// Mail as people get it: the app under test sends through a real SMTP server (tests/e2e/mail-sink-server.ts), and
// these tests open the links in what arrived.

test('a forgotten password is reset from the mailed link, which works once', async ({ page }) => {
  const person = newPerson('Rhea Reset');
  await signUp(page, person);
  await signOut(page);

  await page.goto('/signin');
  await page.getByRole('link', { name: /forgot/i }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Forgotten password' })).toBeVisible();
  await page.getByLabel('Email').fill(person.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'a reset link is on its way' })).toBeVisible();

  const [mail] = await waitForMails(person.email);
  const link = linkIn(mail!, '/reset-password/');
  await page.goto(link);
  const newPassword = 'a brand new passphrase for the margins';
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your password is changed' })).toBeVisible();

  await signIn(page, { ...person, password: newPassword });
  await signOut(page);
  await page.goto('/signin');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The old password no longer signs in.
  await expect(page.getByRole('alert').filter({ hasText: /./ })).toBeVisible();
  await expect(page.getByRole('link', { name: person.name })).toHaveCount(0);

  await page.goto(link);
  await expect(page.getByText('This reset link was already used or has expired.')).toBeVisible();
  await expect(page.getByLabel('New password')).toHaveCount(0);
});

test('an invite sent by e-mail from the workspace page brings a new person in', async ({ page, browser }) => {
  const guest = newPerson('Ines Invited');
  await signIn(page, LIBRARY_OWNER);
  await page.goto('/workspaces/marginalia');
  await page.getByLabel('Email address to invite').fill(guest.email);
  await page.getByLabel('Their role').selectOption('COMMENTER');
  await page.getByRole('button', { name: 'Send invite' }).click();
  await expect(page.getByRole('status').filter({ hasText: `An invite is on its way to ${guest.email}` })).toBeVisible();

  const [mail] = await waitForMails(guest.email);
  const link = linkIn(mail!, '/invites/');
  const guestContext = await browser.newContext();
  const guestPage = await guestContext.newPage();
  await guestPage.goto(link);
  await expect(guestPage.getByRole('heading', { level: 1, name: 'Join Marginalia' })).toBeVisible();
  await guestPage.getByRole('link', { name: 'Create an account to join' }).click();
  await guestPage.getByLabel('Name').fill(guest.name);
  await guestPage.getByLabel('Email').fill(guest.email);
  await guestPage.getByLabel('Password').fill(guest.password);
  await guestPage.getByRole('button', { name: 'Create account' }).click();
  await guestPage.getByRole('button', { name: 'Join Marginalia' }).click();
  await expect(guestPage.getByRole('heading', { level: 1, name: 'Marginalia', exact: true })).toBeVisible();
  await guestContext.close();
});

test('Settings offers each notification by e-mail, a daily digest or none, and keeps the choice', async ({ page }) => {
  const person = newPerson('Sam Settings');
  await signUp(page, person);
  await page.goto('/settings');
  const choice = page.getByRole('group', { name: 'Email notifications' });
  await expect(choice.getByRole('radio')).toHaveCount(3);
  await expect(choice.getByLabel('Each one as it happens')).toBeVisible();
  await expect(page.getByText('E-mail is off on this server')).toHaveCount(0);
  await choice.getByLabel('A daily digest').check();
  await page.getByRole('button', { name: 'Save e-mail setting' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'one e-mail a day' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Email notifications' }).getByLabel('A daily digest')).toBeChecked();
  await page.getByRole('group', { name: 'Email notifications' }).getByLabel('None').check();
  await page.getByRole('button', { name: 'Save e-mail setting' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'no notification e-mail' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Email notifications' }).getByLabel('None')).toBeChecked();
});
