import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { joinLibraryAs, newPerson } from './support';

const READER = '/documents/exporting-jihad';

test.describe('footnote panels', () => {
  test('Footnote 13 opens after its paragraph, says the note is missing, links the original, and Escape returns to the marker', async ({ page }) => {
    await page.goto(READER);
    const marker = page.getByRole('button', { name: 'Footnote 13', exact: true });
    await expect(marker).toHaveAttribute('aria-expanded', 'false');
    await marker.click();
    const panel = page.getByRole('region', { name: 'Footnote 13', exact: true });
    await expect(panel).toBeVisible();
    await expect(marker).toHaveAttribute('aria-expanded', 'true');
    await expect(panel).toContainText('This copy of the document does not include the text of note 13.');
    await expect(panel.getByRole('link', { name: /original publication/ })).toHaveAttribute('href', /osw\.waw\.pl/);
    await expect(panel).toContainText('Cited by this sentence');

    const isRightAfterItsParagraph = await marker.evaluate((button) => {
      const paragraph = button.closest('p');
      return Boolean(paragraph?.nextElementSibling?.querySelector('[aria-label="Footnote 13"]'));
    });
    expect(isRightAfterItsParagraph).toBe(true);

    await expect(panel).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(marker).toBeFocused();
    await expect(marker).toHaveAttribute('aria-expanded', 'false');
  });

  test('opens from the keyboard and keeps several notes open at once', async ({ page }) => {
    await page.goto(READER);
    await page.getByRole('button', { name: 'Footnote 8', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Footnote 9', exact: true }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByRole('region', { name: /^Footnote \d+$/ })).toHaveCount(2);
    await page.getByRole('button', { name: 'Close footnote 8' }).click();
    await expect(page.getByRole('region', { name: /^Footnote \d+$/ })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Footnote 8', exact: true })).toBeFocused();
  });

  test('#fn-21 in the address opens note 21 on load and brings it into view', async ({ page }) => {
    await page.goto(`${READER}#fn-21`);
    const panel = page.getByRole('region', { name: 'Footnote 21', exact: true });
    await expect(panel).toBeVisible();
    await expect(panel).toBeInViewport();
  });

  test('shows a visitor the panels but no way to add sources', async ({ page }) => {
    await page.goto(`${READER}#fn-5`);
    await expect(page.getByRole('region', { name: 'Footnote 5', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add source' })).toHaveCount(0);
  });

  test('has no serious accessibility violations with panels open', async ({ page }) => {
    await page.goto(READER);
    for (const number of [1, 13, 40]) await page.getByRole('button', { name: `Footnote ${number}`, exact: true }).click();
    await expect(page.getByRole('region', { name: /^Footnote \d+$/ })).toHaveCount(3);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
  });

  test('opens inline on a phone without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(READER);
    await page.getByRole('button', { name: 'Footnote 13', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Footnote 13', exact: true })).toBeInViewport();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('tracing sources', () => {
  test('an editor adds a supporting source to note 13; the panel, the Sources view and a reload all keep it', async ({ browser, page }) => {
    const title = `Central Asian foreign fighters in Syria (${Date.now().toString(36)})`;
    await joinLibraryAs(browser, page, newPerson('Edna'), 'EDITOR');
    await page.goto(READER);
    await page.getByRole('button', { name: 'Footnote 13', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Footnote 13', exact: true });
    await panel.getByRole('button', { name: 'Add source' }).click();
    await panel.getByLabel('Kind').selectOption('REPORT');
    await panel.getByLabel('Title').fill(title);
    await panel.getByLabel('Authors').fill('Lemon, Edward');
    await panel.getByLabel('Web address').fill('https://example.org/reports/central-asian-fighters');
    await panel.getByLabel('Evidence').fill('Between 2,000 and 4,000 fighters travelled to Syria.');
    await panel.getByLabel('Verdict', { exact: true }).selectOption('SUPPORTS');
    await panel.getByRole('button', { name: 'Save source' }).click();

    const card = panel.getByRole('article', { name: title });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Supports');
    await expect(card.getByRole('link', { name: /Central Asian foreign fighters/ })).toHaveAttribute('rel', 'noopener noreferrer nofollow');

    await page.reload();
    await page.getByRole('button', { name: 'Footnote 13', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Footnote 13', exact: true }).getByRole('article', { name: title })).toContainText('Supports');

    await page.goto(`${READER}/sources`);
    await expect(page.getByRole('status')).toContainText(/\d+ of 40 notes have a source; 1 verified/);
    const row = page.getByRole('row', { name: /^Note 13 / });
    await expect(row).toContainText('Supports');
    await expect(row).toContainText(title);
  });

  test('a commenter proposes a source without a verdict, and a javascript: address is refused', async ({ browser, page }) => {
    const title = `IMU statement, 2001 (${Date.now().toString(36)})`;
    await joinLibraryAs(browser, page, newPerson('Cora'), 'COMMENTER');
    await page.goto(`${READER}#fn-2`);
    const panel = page.getByRole('region', { name: 'Footnote 2', exact: true });
    await panel.getByRole('button', { name: 'Add source' }).click();
    await expect(panel.getByLabel('Verdict', { exact: true })).toHaveCount(0);
    await panel.getByLabel('Title').fill(title);
    await panel.getByLabel('Web address').fill('javascript:alert(1)');
    await panel.getByRole('button', { name: 'Save source' }).click();
    await expect(panel.getByLabel('Web address')).toHaveAccessibleDescription(/starting with http:\/\/ or https:\/\//);
    await expect(panel.getByLabel('Title')).toHaveValue(title);
    await expect(panel.getByRole('article', { name: title })).toHaveCount(0);

    await panel.getByLabel('Web address').fill('https://example.org/imu-2001');
    await panel.getByRole('button', { name: 'Save source' }).click();
    const card = panel.getByRole('article', { name: title });
    await expect(card).toContainText('Not yet checked');
    await expect(card.getByRole('button', { name: /Change verdict/ })).toHaveCount(0);
  });
});

test('the citation lens marks figures that cite nothing', async ({ page }) => {
  await page.goto(READER);
  const lens = page.getByRole('button', { name: 'Citation lens' });
  await expect(lens).toHaveAttribute('aria-pressed', 'false');
  await lens.click();
  await expect(lens).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('Figures, dates or quantities with no citation')).toBeVisible();
  const marked = page.locator('[data-lens="citation-needed"]');
  expect(await marked.count()).toBeGreaterThan(0);
  await expect(marked.first()).toHaveCSS('text-decoration-style', 'wavy');
});
