import { expect, test, type Page } from '@playwright/test';
import { newPerson, signIn, signUp } from './support';

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK_PAPER = 'rgb(27, 26, 23)';
const LIGHT_PAPER = 'rgb(251, 249, 244)';

test.describe('the colour scheme', () => {
  test('follows the device until the header switch is pressed, and a visitor’s choice holds from the first paint', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto('/');
    expect(await bodyBackground(page)).toBe(DARK_PAPER);
    const toggle = page.getByRole('button', { name: 'Dark mode' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(await bodyBackground(page)).toBe(LIGHT_PAPER);
    // The server paints the next page light already: the choice is in the HTML, not applied by a script afterwards.
    await expect.poll(async () => (await context.cookies()).find((cookie) => cookie.name === 'colour-scheme')?.value).toBe('light');
    const response = await page.request.get('/docs/api');
    expect(await response.text()).toMatch(/<html[^>]*data-scheme="light"/);
    await page.goto('/docs/api');
    expect(await bodyBackground(page)).toBe(LIGHT_PAPER);
    // Choosing what the device does anyway goes back to following the device.
    await page.getByRole('button', { name: 'Dark mode' }).click();
    await expect.poll(async () => (await context.cookies()).find((cookie) => cookie.name === 'colour-scheme')?.value).toBe('system');
    await page.reload();
    expect(await bodyBackground(page)).toBe(DARK_PAPER);
    await context.close();
  });

  test('is remembered with the account, on a device that never chose', async ({ browser, page }) => {
    test.setTimeout(60_000);
    const person = newPerson('Nocturne');
    await signUp(page, person);
    await page.getByRole('button', { name: 'Dark mode' }).click();
    await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true');
    expect(await bodyBackground(page)).toBe(DARK_PAPER);
    await expect.poll(async () => (await page.context().cookies()).find((cookie) => cookie.name === 'colour-scheme')?.value).toBe('dark');

    const laptop = await browser.newContext({ colorScheme: 'light' });
    const other = await laptop.newPage();
    await signIn(other, person);
    await other.goto('/settings');
    expect(await bodyBackground(other)).toBe(DARK_PAPER);
    await expect(other.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true');
    await laptop.close();
  });
});

test('the activity feed and the workspace page show what is new since the last visit', async ({ browser, page }) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const workspaceName = `News desk ${stamp}`;
  await signUp(page, newPerson('Owner'));
  await page.goto('/workspaces/new');
  await page.getByLabel('Workspace name').fill(workspaceName);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible();
  const workspacePath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: 'Import a document' }).click();
  await page.getByLabel('Document text').fill('# Border crossings\n\nTrucks wait three days at the Dostyk crossing in winter.\n');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('region', { name: 'Imported' }).getByRole('link', { name: 'Open Border crossings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Border crossings' })).toBeVisible();
  const readerPath = new URL(page.url()).pathname;
  await page.goto(workspacePath);
  await page.getByLabel('Role', { exact: true }).selectOption('COMMENTER');
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const invite = await page.getByLabel('Invite link').inputValue();
  // The owner has seen the feed and the document before the colleague writes anything.
  await page.goto(`${workspacePath}/activity`);
  await expect(page.getByRole('heading', { level: 2, name: /New since your last visit/ })).toHaveCount(0);

  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await signUp(colleague, newPerson('Colleague'));
  await colleague.goto(invite);
  await colleague.getByRole('button', { name: /^Join / }).click();
  // Joining ends on the workspace's page; leaving before it lands would cut the join short.
  await expect(colleague.getByRole('heading', { level: 1, name: workspaceName, exact: true })).toBeVisible();
  await colleague.goto(readerPath);
  await colleague.locator('.sentence', { hasText: 'Trucks wait three days' }).first().evaluate((sentence) => {
    const range = document.createRange();
    range.selectNodeContents(sentence);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  });
  await colleague.getByRole('button', { name: 'Annotate' }).click();
  const composer = colleague.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(`Three days in ${stamp}?`);
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
  await colleagueContext.close();

  await page.goto(workspacePath);
  await expect(page.getByRole('listitem').filter({ hasText: 'Border crossings' })).toContainText('1 new since your last visit');
  await page.goto(`${workspacePath}/activity`);
  await expect(page.getByRole('heading', { level: 2, name: 'New since your last visit (1)' })).toBeVisible();
  const fresh = page.getByRole('main').getByRole('list').first();
  await expect(fresh.getByRole('listitem')).toHaveCount(1);
  await expect(fresh.getByRole('listitem')).toContainText('New');
  await expect(fresh.getByRole('listitem')).toContainText('Colleague annotated in Border crossings');
});
