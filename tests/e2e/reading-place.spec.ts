import { expect, test, type Locator, type Page } from '@playwright/test';
import { newPerson, selectSentence, signUp } from './support';

const READER = '/documents/exporting-jihad';
const DESK = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const THIRD_SECTION_SENTENCE = 'It also does not directly translate to radicalisation';

type Box = { top: number; bottom: number; left: number; right: number };

const boxOf = (locator: Locator): Promise<Box> =>
  locator.evaluate((element) => {
    const { top, bottom, left, right } = element.getBoundingClientRect();
    return { top, bottom, left, right };
  });

// Every layout shift since the page loaded (buffered), hadRecentInput or not, kept with its time.
async function recordLayoutShifts(page: Page) {
  await page.evaluate(() => {
    const shifts: Array<{ at: number; value: number }> = [];
    Object.assign(window, { shifts });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push({ at: entry.startTime, value: (entry as PerformanceEntry & { value: number }).value });
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const shiftSince = (page: Page, since: number) =>
  page.evaluate((from) => (window as unknown as { shifts: Array<{ at: number; value: number }> }).shifts.filter((shift) => shift.at >= from).reduce((sum, shift) => sum + shift.value, 0), since);

// Two frames: whatever opening a note changes has been laid out and painted.
const settle = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function expectInside(page: Page, box: Box, what: string) {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  expect(box.top, `${what} top`).toBeGreaterThanOrEqual(0);
  expect(box.left, `${what} left`).toBeGreaterThanOrEqual(0);
  expect(box.bottom, `${what} bottom`).toBeLessThanOrEqual(viewport.height);
  expect(box.right, `${what} right`).toBeLessThanOrEqual(viewport.width);
}

const overlaps = (a: Box, b: Box) => a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;

// Nothing pinned over the page (a sticky list, a floating button, a sheet) hides any part of a heading in view.
async function expectHeadingsUncovered(page: Page) {
  const covered = await page.evaluate(() => {
    const hidden: string[] = [];
    for (const heading of document.querySelectorAll('h1, h2, h3')) {
      for (const line of heading.getClientRects()) {
        const y = (line.top + line.bottom) / 2;
        if (y < 0 || y > window.innerHeight) continue;
        for (const x of [line.left + 4, (line.left + line.right) / 2, line.right - 4]) {
          const hit = document.elementFromPoint(x, y);
          // (The development server's own badge is not the app's.)
          if (hit && !heading.contains(hit) && hit.tagName !== 'NEXTJS-PORTAL') hidden.push(`${heading.textContent} under ${hit.className || hit.tagName}`);
        }
      }
    }
    return hidden;
  });
  expect(covered).toEqual([]);
}

async function openEveryWay(page: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const number of [1, 20, 40]) {
      for (const way of ['click', 'keyboard'] as const) {
        const label = `${colorScheme}, note ${number} by ${way}`;
        const marker = page.getByRole('button', { name: `Footnote ${number}`, exact: true });
        // Once in the middle of the screen, once near its bottom edge, where a note must open above its line.
        await marker.evaluate((button, share) => window.scrollBy(0, button.getBoundingClientRect().top - window.innerHeight * share), way === 'click' ? 0.5 : 0.9);
        await settle(page);
        const before = await boxOf(marker);
        const scrolledBefore = await page.evaluate(() => window.scrollY);
        const since = await page.evaluate(() => performance.now());
        if (way === 'click') await marker.click();
        else {
          await marker.focus();
          await page.keyboard.press('Enter');
        }
        const panel = page.getByRole('region', { name: `Footnote ${number}`, exact: true });
        await expect(panel, label).toBeFocused();
        await settle(page);
        const after = await boxOf(marker);
        expect(Math.abs(after.top - before.top), `${label}: the marker moved`).toBeLessThanOrEqual(2);
        expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolledBefore), `${label}: the page scrolled`).toBeLessThanOrEqual(2);
        expect(await shiftSince(page, since), `${label}: layout shift`).toBe(0);
        const panelBox = await boxOf(panel);
        await expectInside(page, panelBox, `${label}: the note`);
        await expectInside(page, after, `${label}: the marker`);
        expect(overlaps(panelBox, after), `${label}: the note covers its marker`).toBe(false);
        await expect(marker).toHaveAttribute('aria-expanded', 'true');

        if (way === 'click') {
          await panel.getByRole('button', { name: 'Back to text' }).click();
        } else {
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          await expect(panel).not.toBeFocused();
          await page.keyboard.press('Escape');
        }
        await expect(panel, label).toBeHidden();
        await expect(marker, label).toBeFocused();
        await expect(marker).toHaveAttribute('aria-expanded', 'false');
      }
    }
  }
}

test('at desk width a note opens beside its line without moving the text, and Back to text or Escape from anywhere returns to the marker', async ({ page }) => {
  // Twelve openings in each colour scheme.
  test.slow();
  await page.setViewportSize(DESK);
  await page.goto(READER);
  await recordLayoutShifts(page);
  await openEveryWay(page);

  // No pinned element hides a heading of the text or the list's heading, wherever the reader is.
  for (const heading of await page.getByRole('heading', { level: 2 }).all()) {
    await heading.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await settle(page);
    await expectHeadingsUncovered(page);
  }
  await expect(page.getByRole('heading', { name: /^Annotations \(/ })).toBeInViewport();
});

test('on a phone a note opens as a sheet over the text, leaving its marker in view, and #fn-N opens a note with its marker in view', async ({ page }) => {
  test.slow();
  await page.setViewportSize(PHONE);
  await page.goto(READER);
  await recordLayoutShifts(page);
  await openEveryWay(page);

  for (const heading of await page.getByRole('heading', { level: 2 }).all()) {
    await heading.evaluate((element) => element.scrollIntoView({ block: 'end' }));
    await settle(page);
    await expect(page.getByRole('button', { name: 'Annotations', exact: true })).toBeHidden();
    await expectHeadingsUncovered(page);
  }

  await page.goto(`${READER}#fn-33`);
  const panel = page.getByRole('region', { name: 'Footnote 33', exact: true });
  await expect(panel).toBeFocused();
  await expectInside(page, await boxOf(panel), 'note 33');
  await expectInside(page, await boxOf(page.getByRole('button', { name: 'Footnote 33', exact: true })), 'marker 33');
});

test('on a phone a highlight opens its thread over the text and the list is one button away, both leaving the reader where they were', async ({ page }) => {
  test.slow();
  const comment = `Which governments, and when? ${Date.now().toString(36)}`;
  await signUp(page, newPerson('Phoebe'));
  await page.setViewportSize(PHONE);
  await page.goto(READER);
  // Selecting before the page has hydrated offers nothing yet; select again until it does.
  await expect(async () => {
    await selectSentence(page, THIRD_SECTION_SENTENCE);
    await expect(page.getByRole('button', { name: 'Annotate' })).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill(comment);
  await composer.getByRole('button', { name: 'Save' }).press('Enter');
  await expect(composer).toBeHidden();
  const annotations = page.getByRole('region', { name: 'Annotations' });
  // Saving shows the new thread in a sheet, not the list after the article.
  await expect(annotations.getByRole('article').filter({ hasText: comment })).toBeVisible();
  await page.getByRole('button', { name: 'Back to text' }).click();
  await expect(annotations).toBeHidden();

  const highlight = page.locator('mark').filter({ hasText: 'does not directly translate' }).first();
  await highlight.evaluate((mark) => mark.scrollIntoView({ block: 'center' }));
  await settle(page);
  const scrolled = await page.evaluate(() => window.scrollY);
  await highlight.click();
  const thread = annotations.getByRole('article').filter({ hasText: comment });
  await expect(thread).toBeVisible();
  await expect(thread).toBeFocused();
  const markBox = await boxOf(highlight);
  await expectInside(page, markBox, 'the highlight');
  expect(overlaps(markBox, await boxOf(annotations)), 'the thread covers its highlight').toBe(false);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThanOrEqual(2);

  await page.getByRole('button', { name: 'Back to text' }).click();
  await expect(annotations).toBeHidden();
  await expect(highlight).toBeFocused();
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThanOrEqual(2);

  // The whole list, from the button, and back with Escape.
  const listButton = page.getByRole('button', { name: 'Annotations', exact: true });
  await listButton.click();
  await expect(annotations.getByRole('heading', { name: /^Annotations \(/ })).toBeVisible();
  await expect(annotations.getByRole('article').filter({ hasText: comment })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(annotations).toBeHidden();
  await expect(listButton).toBeFocused();
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThanOrEqual(2);

  // At desk width the highlight's preview stays while the pointer moves onto it, and Escape closes it before the note.
  await page.setViewportSize(DESK);
  await page.getByRole('button', { name: 'Footnote 30', exact: true }).click();
  const note = page.getByRole('region', { name: 'Footnote 30', exact: true });
  await expect(note).toBeVisible();
  await highlight.hover();
  const preview = page.getByRole('tooltip');
  await expect(preview).toContainText(comment.slice(0, 20));
  const previewBox = await boxOf(preview);
  await page.mouse.move(previewBox.left + 10, previewBox.top + 6, { steps: 4 });
  await page.waitForTimeout(700);
  await expect(preview).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(note).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(note).toBeHidden();
});
