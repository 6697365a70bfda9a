import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const READER = '/documents/exporting-jihad';

test.describe('the reader', () => {
  test('shows the title, the lead, the three headed sections and the untitled one', async ({ page }) => {
    await page.goto(READER);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exporting Jihad – Islamic terrorism from Central Asia');
    await expect(page.getByText(/^The terrorist attack in Stockholm on April 7th/)).toBeVisible();
    const article = page.getByRole('article', { name: 'Exporting Jihad – Islamic terrorism from Central Asia' });
    await expect(article.getByRole('heading', { level: 2 })).toHaveText([
      'Historical overview – evolution and globalisation',
      'Syria – a game changer',
      'Between Islamisation and authoritarianism',
    ]);
    const untitled = page.getByRole('region', { name: 'Untitled section 4' });
    await expect(untitled).toBeVisible();
    await expect(untitled.getByRole('paragraph').first()).toHaveText(/^Up to the present date/);
    await expect(article.getByRole('paragraph')).toHaveCount(18 + 1); // 18 paragraphs and the publication line
  });

  test('turns every footnote marker into a button named Footnote 1 to Footnote 40, in text order', async ({ page }) => {
    await page.goto(READER);
    const markers = page.getByRole('button', { name: /^Footnote \d+$/ });
    await expect(markers).toHaveCount(40);
    const names = await markers.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')));
    expect(names).toEqual(Array.from({ length: 40 }, (_, i) => `Footnote ${i + 1}`));
    // Marker 8 follows a space in the source: "(IS) [8]".
    await expect(page.getByRole('button', { name: 'Footnote 8', exact: true })).toHaveText('8');
  });

  test('links each section heading to itself', async ({ page }) => {
    await page.goto(READER);
    await page.getByRole('heading', { level: 2, name: 'Syria – a game changer' }).getByRole('link').click();
    await expect(page).toHaveURL(/#syria-a-game-changer$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Syria – a game changer' })).toBeInViewport();
  });

  test('has no serious accessibility violations', async ({ page }) => {
    await page.goto(READER);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });

  test('fits a 375 px phone without sideways scrolling', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(READER);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await testInfo.attach('reader-375', { body: await page.screenshot({ fullPage: false }), contentType: 'image/png' });
  });
});

test.describe('the rest of the site', () => {
  test('lists the seed article on the home page and opens it', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Exporting Jihad – Islamic terrorism from Central Asia' }).click();
    await expect(page).toHaveURL(/\/documents\/exporting-jihad$/);
  });

  test('answers an unknown document with a helpful not-found page and status 404', async ({ page }) => {
    const response = await page.goto('/documents/no-such-document');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No such document');
    await expect(page.getByRole('link', { name: 'See all documents' })).toBeVisible();
  });

  test('reports the database as reachable on the health endpoint', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'reachable' });
  });
});
