import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { newPerson, signUp } from './support';

const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';
const REPLIES = 24;
const SENTENCE = 'The convoy crossed the river at night, well after the patrol had left.';

// A fresh document with one shared annotation and a chain of replies, each answering the one before; returns the
// document's slug and the replies' ids in order.
async function longThread(page: Page): Promise<{ slug: string; replyIds: string[] }> {
  await signUp(page, newPerson('Threader'));
  const workspaceName = `Thread desk ${Date.now().toString(36)}`;
  await page.goto('/workspaces/new');
  await page.getByLabel('Workspace name').fill(workspaceName);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: workspaceName })).toBeVisible();
  const workspaceSlug = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const slug = `thread-${Date.now().toString(36)}`;
  const imported = await page.request.post(`/api/workspaces/${workspaceSlug}/documents?slug=${slug}`, { data: `# River notes\n\n${SENTENCE}\n`, headers: { 'Content-Type': 'text/markdown' } });
  expect(imported.status()).toBe(201);
  const origin = new URL(page.url()).origin;
  const post = async (data: object): Promise<string> => {
    const created = await page.request.post(`/api/documents/${slug}/annotations/`, { headers: { 'Content-Type': JSON_LD }, data: JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', visibility: 'workspace', ...data }) });
    expect(created.status()).toBe(201);
    return created.headers()['location'] ?? '';
  };
  let parent = await post({ body: [{ type: 'TextualBody', value: 'Which river?', format: 'text/markdown', purpose: 'commenting' }], target: { source: `${origin}/documents/${slug}/versions/1`, selector: [{ type: 'TextQuoteSelector', exact: SENTENCE }] } });
  const replyIds: string[] = [];
  for (let number = 1; number <= REPLIES; number++) {
    parent = await post({ motivation: 'replying', bodyValue: `Answer number ${number}`, target: parent });
    replyIds.push(parent.split('/').at(-1) ?? '');
  }
  return { slug, replyIds };
}

test('a long thread shows its first replies, and Show more replies brings the rest in place with focus on the first new one', async ({ page }) => {
  const { slug, replyIds } = await longThread(page);
  await page.goto(`/documents/${slug}`);
  const annotations = page.getByRole('region', { name: 'Annotations' });
  // The first annotation and its first ten replies.
  await expect(annotations.getByRole('article')).toHaveCount(11);
  await expect(annotations.getByRole('article').filter({ hasText: 'Answer number 10' })).toHaveCount(1);
  await expect(annotations.getByRole('article').filter({ hasText: 'Answer number 11' })).toHaveCount(0);
  const more = annotations.getByRole('button', { name: `Show ${REPLIES - 10} more replies` });
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  await more.focus();
  await page.keyboard.press('Enter');
  await expect(annotations.getByRole('article')).toHaveCount(REPLIES + 1);
  await expect(annotations.getByRole('article').filter({ hasText: 'Answer number 11' })).toBeFocused();
  await expect(annotations.getByRole('status').filter({ hasText: `${REPLIES - 10} more replies shown.` })).toHaveCount(1);
  await expect(annotations.getByRole('button', { name: /more replies$/ })).toHaveCount(0);

  // A permalink to a late reply opens the thread down to it.
  await page.goto(`/documents/${slug}?thread=${replyIds[19]}`);
  await expect(annotations.getByRole('article').filter({ hasText: 'Answer number 20' })).toHaveCount(1);
  await expect(annotations.getByRole('button', { name: `Show ${REPLIES - 20} more replies` })).toBeVisible();
});
