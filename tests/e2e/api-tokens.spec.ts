import AxeBuilder from '@axe-core/playwright';
import { expect, request, test } from '@playwright/test';
import { joinLibraryAs, newPerson } from './support';

const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

test('a member creates an API token in settings, a script writes with it, and revoking it ends that', async ({ browser, page, baseURL }) => {
  const kim = newPerson('Kim');
  await joinLibraryAs(browser, page, kim, 'COMMENTER');
  await page.goto('/settings');
  await page.getByLabel('Token name').fill('Citation checker');
  await page.getByLabel('Read and write (annotate, import, and edit or delete your annotations)').check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByLabel('New API token').inputValue();
  expect(secret).toMatch(/^mrg_/u);

  // The script has no cookie: only the token speaks for Kim.
  const script = await request.newContext({ baseURL });
  const created = await script.post('/api/documents/exporting-jihad/annotations/', {
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': JSON_LD },
    data: {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      body: [{ type: 'TextualBody', purpose: 'commenting', value: 'Checked by the citation script' }],
      target: { selector: { type: 'TextQuoteSelector', exact: 'became the primary' } },
    },
  });
  expect(created.status()).toBe(201);

  await page.reload();
  const tokens = page.getByRole('list', { name: 'Your API tokens' });
  await expect(tokens).toContainText('Citation checker');
  await expect(tokens).toContainText('last used');
  await expect(tokens).not.toContainText(secret);
  await page.getByRole('button', { name: 'Revoke Citation checker' }).click();
  await expect(tokens).toHaveCount(0);

  const refused = await script.get('/api/documents/exporting-jihad/annotations/', { headers: { Authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  await script.dispose();
});

test('the API page explains tokens and visibility, links the OpenAPI description, and is accessible', async ({ page }) => {
  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { level: 1, name: 'The Marginalia API' })).toBeVisible();
  await expect(page.getByText('Visibility is our own addition to the W3C model.')).toBeVisible();
  const openapi = await page.request.get(await page.getByRole('link', { name: '/api/openapi.json' }).first().getAttribute('href') ?? '');
  expect((await openapi.json()).openapi).toBe('3.1.0');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
  // On a phone the tables and code scroll sideways; they must stay reachable by keyboard.
  await page.setViewportSize({ width: 375, height: 812 });
  const onPhone = await new AxeBuilder({ page }).analyze();
  expect(onPhone.violations.map((violation) => violation.id)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
