import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { LIBRARY_OWNER, selectSentence, signIn } from './support';

// Every page of the route table (tests/reliability/route-table.ts), opened as someone who may see it, in both colour
// schemes, with what the page can show drawn: a note open and highlights in the reader, hits on the search page.
// A page file that is not listed here fails the first test, so a new page cannot skip the check.

type PageVisit = { file: string; path: string; as: 'owner' | 'visitor'; prepare?: (page: Page) => Promise<void> };

const READER = '/documents/exporting-jihad';
// A sentence no other test annotates: live.spec.ts waits for its own highlight on the first sentence to go.
const SHARED_SENTENCE = 'The war in Syria and Iraq has significantly altered modern Islamic terrorism';
let inviteToken = '';

const openNoteWithHighlights = async (page: Page) => {
  await expect(page.locator('mark.highlight').first()).toBeVisible();
  await page.getByRole('button', { name: 'Footnote 1', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Footnote 1', exact: true })).toBeVisible();
};

const PAGES: PageVisit[] = [
  { file: 'app/page.tsx', path: '/', as: 'owner' },
  { file: 'app/(auth)/signin/page.tsx', path: '/signin', as: 'visitor' },
  { file: 'app/(auth)/signup/page.tsx', path: '/signup', as: 'visitor' },
  { file: 'app/(auth)/forgot-password/page.tsx', path: '/forgot-password', as: 'visitor' },
  // A link that is not (or no longer) valid: the page says so and offers a new one.
  { file: 'app/(auth)/reset-password/[token]/page.tsx', path: '/reset-password/no-such-link', as: 'visitor' },
  { file: 'app/(reader)/documents/[documentSlug]/page.tsx', path: READER, as: 'owner', prepare: openNoteWithHighlights },
  { file: 'app/(reader)/documents/[documentSlug]/sources/page.tsx', path: `${READER}/sources`, as: 'owner' },
  { file: 'app/(reader)/documents/[documentSlug]/import/page.tsx', path: `${READER}/import`, as: 'owner' },
  { file: 'app/(reader)/documents/[documentSlug]/report/page.tsx', path: `${READER}/report`, as: 'owner' },
  { file: 'app/(reader)/documents/[documentSlug]/versions/page.tsx', path: `${READER}/versions`, as: 'owner' },
  { file: 'app/(reader)/documents/[documentSlug]/versions/[versionNumber]/page.tsx', path: `${READER}/versions/1`, as: 'owner' },
  // The seed has one version; tests/e2e/versions.spec.ts checks a comparison with changes in it.
  { file: 'app/(reader)/documents/[documentSlug]/versions/compare/page.tsx', path: `${READER}/versions/compare?from=1&to=1`, as: 'owner' },
  // With cited passages drawn, it is checked in both schemes by verification-desk.spec.ts too.
  { file: 'app/(reader)/documents/[documentSlug]/notes/[footnoteNumber]/compare/page.tsx', path: `${READER}/notes/5/compare`, as: 'owner' },
  { file: 'app/invites/[token]/page.tsx', path: '/invites/{token}', as: 'visitor' },
  {
    file: 'app/search/page.tsx',
    path: '/search?q=Uzbekistan',
    as: 'owner',
    prepare: async (page) => {
      await expect(page.locator('.search-results mark').first()).toBeVisible();
    },
  },
  { file: 'app/settings/page.tsx', path: '/settings', as: 'owner' },
  { file: 'app/notifications/page.tsx', path: '/notifications', as: 'owner' },
  { file: 'app/workspaces/[workspaceSlug]/moderation/page.tsx', path: '/workspaces/marginalia/moderation', as: 'owner' },
  { file: 'app/workspaces/new/page.tsx', path: '/workspaces/new', as: 'owner' },
  { file: 'app/workspaces/[workspaceSlug]/page.tsx', path: '/workspaces/marginalia', as: 'owner' },
  { file: 'app/workspaces/[workspaceSlug]/activity/page.tsx', path: '/workspaces/marginalia/activity', as: 'owner' },
  { file: 'app/workspaces/[workspaceSlug]/tags/page.tsx', path: '/workspaces/marginalia/tags', as: 'owner' },
  { file: 'app/workspaces/[workspaceSlug]/tags/[tagName]/page.tsx', path: '/workspaces/marginalia/tags/statistic', as: 'owner' },
  { file: 'app/workspaces/[workspaceSlug]/import/page.tsx', path: '/workspaces/marginalia/import', as: 'owner' },
  { file: 'app/workspaces/[workspaceSlug]/sources/page.tsx', path: '/workspaces/marginalia/sources', as: 'owner' },
  { file: 'app/docs/api/page.tsx', path: '/docs/api', as: 'visitor' },
];

// Pages that need data the seed lacks are checked, in both schemes, where that data is made.
const CHECKED_ELSEWHERE = [
  // tests/e2e/pdf-import.spec.ts: a page of an imported PDF.
  'app/(reader)/documents/[documentSlug]/pages/[pageNumber]/page.tsx',
];

function pageFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return pageFiles(full);
    return name === 'page.tsx' ? [full.split(path.sep).join('/')] : [];
  });
}

async function ownerPage(browser: Browser, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ colorScheme });
  const page = await context.newPage();
  await signIn(page, LIBRARY_OWNER);
  return page;
}

test.beforeAll(async ({ browser }) => {
  // A shared, tagged annotation on the seed article (so the reader draws a highlight and the tag page lists it) and an
  // invite link to open.
  const page = await ownerPage(browser, 'light');
  await page.goto(READER);
  await selectSentence(page, SHARED_SENTENCE);
  await page.getByRole('button', { name: 'Annotate' }).click();
  const composer = page.getByRole('dialog', { name: 'New annotation' });
  await composer.getByLabel('Comment').fill('Checked against the ministry’s statement.');
  // A comma ends a tag whether the field is a plain list or a chip input.
  await composer.getByLabel('Tags').fill('statistic');
  await composer.getByLabel('Tags').press(',');
  await composer.getByRole('button', { name: 'Save' }).click();
  await expect(composer).toBeHidden();
  await page.goto('/workspaces/marginalia');
  await page.getByLabel('Role', { exact: true }).selectOption('VIEWER');
  await page.getByRole('button', { name: 'Create invite link' }).click();
  inviteToken = new URL(await page.getByLabel('Invite link').inputValue()).pathname.split('/').pop() ?? '';
  await page.context().close();
});

test('the list below names every page of the app', () => {
  expect([...PAGES.map((visit) => visit.file), ...CHECKED_ELSEWHERE].sort()).toEqual(pageFiles('app').sort());
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const visit of PAGES) {
    test(`${visit.path} has no serious accessibility violations in the ${colorScheme} scheme`, async ({ browser }) => {
      test.setTimeout(90_000);
      const page = visit.as === 'owner' ? await ownerPage(browser, colorScheme) : await (await browser.newContext({ colorScheme })).newPage();
      await page.goto(visit.path.replace('{token}', inviteToken));
      await visit.prepare?.(page);
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.context().close();
    });
  }
}
