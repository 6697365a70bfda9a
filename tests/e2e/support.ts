import { expect, type Browser, type Page } from '@playwright/test';

/** The first account of the test server: owner of the workspace holding the seed article (see global-setup.ts). */
export const LIBRARY_OWNER = { name: 'Lena Library', email: 'library.owner@example.org', password: 'the library owner passphrase' } as const;

/** A person with a unique e-mail for this run. */
export type Person = { name: string; email: string; password: string };

/** Returns a new person whose e-mail no other test uses. */
export function newPerson(name: string): Person {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${unique}@example.org`, password: `margins and ${unique} footnotes` };
}

/** Signs up through the form and waits until the new account is signed in. */
export async function signUp(page: Page, person: Person, path = '/signup'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('link', { name: person.name })).toBeVisible();
}

/** Signs in through the form and waits until it took. */
export async function signIn(page: Page, person: Pick<Person, 'name' | 'email' | 'password'>): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: person.name })).toBeVisible();
}

/** Signs out with the header button and waits until the page shows the visitor's links. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/** Signs in the library owner in a fresh context, invites `person` with `role` to the seed article's workspace, and joins them in `page`. */
export async function joinLibraryAs(browser: Browser, page: Page, person: Person, role: 'EDITOR' | 'COMMENTER' | 'VIEWER'): Promise<void> {
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, LIBRARY_OWNER);
  await ownerPage.goto('/workspaces/marginalia');
  await ownerPage.getByLabel('Role', { exact: true }).selectOption(role);
  await ownerPage.getByRole('button', { name: 'Create invite link' }).click();
  const link = await ownerPage.getByLabel('Invite link').inputValue();
  await ownerContext.close();
  await signUp(page, person);
  await page.goto(link);
  await page.getByRole('button', { name: /^Join / }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Marginalia', exact: true })).toBeVisible();
}

/** Selects the whole text of the first sentence of the reader containing `text`, as a person dragging over it would. */
export async function selectSentence(page: Page, text: string): Promise<void> {
  await page
    .locator('.sentence', { hasText: text })
    .first()
    .evaluate((sentence) => {
      const range = document.createRange();
      range.selectNodeContents(sentence);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    });
}
