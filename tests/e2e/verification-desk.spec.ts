import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PDFParse } from 'pdf-parse';
import { joinLibraryAs, LIBRARY_OWNER, newPerson, selectSentence, signIn } from './support';

const READER = '/documents/exporting-jihad';
const DESK = `${READER}/sources`;

const noteRow = (page: Page, number: number) => page.getByRole('row', { name: new RegExp(`^Note ${number} `) });

async function openHistory(page: Page, label: string) {
  const summary = page.locator('summary', { hasText: label });
  await summary.click();
  return page.getByRole('list', { name: label });
}

// Both flows work on note 5 of the seed: the report's first, then the desk's, one after the other.
test.describe.configure({ mode: 'serial' });

const withoutSpaces = (text: string) => text.replace(/\s+/gu, '');

const CITED = 'Between 2,000 and 4,000 fighters from Central Asia travelled to Syria and Iraq by 2016.';

// The compare view of note 5: the sentence citing it beside the passage of the source document cited for it.
async function expectComparison(page: Page, sourceTitle: string) {
  await expect(page.getByRole('heading', { level: 1, name: 'Note 5: the claim beside its sources' })).toBeVisible();
  const citingSentence = page.getByRole('blockquote', { name: 'Sentence citing note 5' }).first();
  await expect(citingSentence).toBeVisible();
  expect(((await citingSentence.textContent()) ?? '').length).toBeGreaterThan(10);
  const cited = page.getByRole('region', { name: `Cited passage: ${sourceTitle}` });
  await expect(cited.getByRole('blockquote', { name: `Passage cited from ${sourceTitle}` })).toContainText(CITED);
  await expect(cited).toContainText('Supports by Lena Library — Table 3 gives the 2016 figure');
  await expect(cited).toContainText('Findings, paragraph 1');
}

test.describe('the verification report', () => {
  test('lists all 40 notes with statuses, downloads as HTML and PDF, and a sign-off shows what changed since', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, LIBRARY_OWNER);
    const title = `Report on fighters from Łódź (${Date.now().toString(36)})`;
    await page.goto(`${READER}#fn-5`);
    const panel = page.getByRole('region', { name: 'Footnote 5', exact: true });
    await panel.getByRole('button', { name: 'Add source' }).click();
    await panel.getByLabel('Title').fill(title);
    await panel.getByLabel('Verdict', { exact: true }).selectOption('PARTIALLY_SUPPORTS');
    await panel.getByRole('button', { name: 'Save source' }).click();
    const card = panel.getByRole('article', { name: title });
    await card.getByRole('button', { name: `Change verdict on ${title}` }).click();
    await card.getByLabel('Verdict').selectOption('SUPPORTS');
    await card.getByLabel('Why (optional)').fill('Table 3 gives the 2016 figure');
    await card.getByRole('button', { name: 'Save verdict' }).click();
    // The form closes once the verdict is stored; leaving the page before that would abort the save.
    await expect(card.getByRole('button', { name: 'Save verdict' })).toHaveCount(0);
    await expect(card).toContainText('Supports');

    await page.goto(`${READER}/report`);
    await expect(page.getByRole('heading', { level: 1, name: /^Verification report: Exporting Jihad/ })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: /^Note \d+$/ })).toHaveCount(40);
    const sections = page.getByRole('region', { name: /^Note \d+$/ });
    await expect(sections).toHaveCount(40);
    for (const section of await sections.all()) await expect(section).toContainText(/Status: (Untraced|In progress|Traced|Verified|Disputed)/);
    const note5 = page.getByRole('region', { name: 'Note 5', exact: true });
    const citing = (await note5.getByRole('blockquote').first().textContent()) ?? '';
    expect(citing.length).toBeGreaterThan(10);
    await expect(note5.getByRole('list', { name: `Verdict history of ${title}` })).toContainText(`Partly supports — ${LIBRARY_OWNER.name}`);
    await expect(note5.getByRole('list', { name: `Verdict history of ${title}` })).toContainText('Supports — Lena Library');

    const html = await page.request.get('/api/documents/exporting-jihad/export/report.html');
    expect(html.status()).toBe(200);
    const htmlText = await html.text();
    expect(htmlText).not.toMatch(/<script/iu);
    expect(htmlText.match(/<section id="note-\d+" class="note">/gu)).toHaveLength(40);
    expect(htmlText).toContain(`Version 1 · generated`);

    const pdf = await page.request.get('/api/documents/exporting-jihad/export/report.pdf');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    // The parser marks each page break with `-- N of M --`; a note may run across one.
    const pdfText = withoutSpaces((await parser.getText()).text.replace(/--\s*\d+\s+of\s+\d+\s*--/gu, ''));
    await parser.destroy();
    expect(pdfText).toContain(withoutSpaces(citing));
    expect(pdfText).toContain(withoutSpaces(`${title} — Supports`));
    expect(pdfText).toContain(withoutSpaces(`Partly supports — ${LIBRARY_OWNER.name}`));
    expect(pdfText).toContain(withoutSpaces(`Supports — ${LIBRARY_OWNER.name}`));
    expect(pdfText).toContain(withoutSpaces('Why: Table 3 gives the 2016 figure'));

    await page.getByRole('button', { name: 'Sign off report of version 1' }).click();
    const signOff = page.getByRole('region', { name: 'Sign-off' });
    await expect(signOff).toContainText(`Signed off by ${LIBRARY_OWNER.name}`);
    await expect(signOff).toContainText(/SHA-256 of the signed report: [0-9a-f]{64}/);
    await expect(signOff).toContainText('Nothing has changed since the sign-off.');

    await page.goto(`${READER}#fn-5`);
    const again = page.getByRole('region', { name: 'Footnote 5', exact: true }).getByRole('article', { name: title });
    await again.getByRole('button', { name: `Change verdict on ${title}` }).click();
    await again.getByLabel('Verdict').selectOption('DOES_NOT_SUPPORT');
    await again.getByRole('button', { name: 'Save verdict' }).click();
    await expect(again.getByRole('button', { name: 'Save verdict' })).toHaveCount(0);
    await expect(again).toContainText('Does not support');
    await page.goto(`${READER}/report`);
    await expect(page.getByRole('list', { name: 'Changed since the sign-off' })).toContainText(`Note 5: verdict on “${title}” Supports → Does not support`);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
  });
});

test.describe('the verification desk', () => {
  test('A assigns note 5 to B, B sees it under Mine live, cites a passage of a source document, and verdicts, edits and a deletion stay in the histories', async ({ browser, page: pageB }) => {
    test.setTimeout(240_000);
    const bea = newPerson('Bea Tracer');
    await joinLibraryAs(browser, pageB, bea, 'EDITOR');
    const contextA = await browser.newContext();
    const pageA = await contextA.newPage();
    await signIn(pageA, LIBRARY_OWNER);

    await pageB.goto(`${DESK}?filter=mine`);
    await expect(pageB.getByRole('heading', { level: 1, name: 'Verification desk' })).toBeVisible();
    await expect(pageB.getByRole('progressbar', { name: 'Notes traced' })).toBeVisible();
    await expect(pageB.getByRole('link', { name: 'Mine' })).toHaveAttribute('aria-current', 'page');
    await expect(noteRow(pageB, 5)).toHaveCount(0);
    // The live stream is open before A acts, so what follows reaches B without a reload.
    await pageB.waitForLoadState('networkidle');

    await pageA.goto(DESK);
    const rowA = noteRow(pageA, 5);
    await rowA.getByLabel('Assignee of note 5').selectOption({ label: bea.name });
    await rowA.getByLabel('Status of note 5').selectOption('IN_PROGRESS');
    await rowA.getByRole('button', { name: 'Save tracing of note 5' }).click();
    await expect(rowA).toContainText(`In progress · ${bea.name}`);

    await expect(noteRow(pageB, 5)).toBeVisible({ timeout: 15_000 });
    await expect(noteRow(pageB, 5)).toContainText(`In progress · ${bea.name}`);

    // B imports a source document, makes it note 5's source and cites a passage of it with a first verdict and a reason.
    const title = `Central Asian fighters in Syria (${Date.now().toString(36)})`;
    await pageB.goto('/workspaces/marginalia/import');
    await pageB.getByLabel('Document text').fill(`# ${title}\n\n## Findings\n\n${CITED} Most of them came from Uzbekistan and Tajikistan.\n`);
    await pageB.getByRole('button', { name: 'Preview' }).click();
    await pageB.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(pageB.getByRole('region', { name: 'Imported' })).toBeVisible();

    await pageB.goto(`${READER}#fn-5`);
    const panelB = pageB.getByRole('region', { name: 'Footnote 5', exact: true });
    await panelB.getByRole('button', { name: 'Add source' }).click();
    await panelB.getByLabel('Source', { exact: true }).selectOption({ label: title });
    await panelB.getByRole('button', { name: 'Save source' }).click();
    const cardB = panelB.getByRole('article', { name: title });
    await expect(cardB).toContainText('Not yet checked');
    await cardB.getByRole('button', { name: 'Cite a passage' }).click();

    await expect(pageB.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const citing = pageB.getByRole('form', { name: /^Cite a passage for note 5 of / });
    await expect(citing).toContainText('No passage selected yet.');
    await selectSentence(pageB, CITED);
    await expect(citing).toContainText(`Selected: ${CITED}`);
    await citing.getByLabel('Verdict').selectOption('PARTIALLY_SUPPORTS');
    await citing.getByLabel('Reason').fill('It gives a range, not the figure the claim states');
    await expect(citing).toContainText(`Selected: ${CITED}`);
    const citingAxe = await new AxeBuilder({ page: pageB }).analyze();
    expect(citingAxe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
    await pageB.screenshot({ path: 'test-results/screenshots/citing-1280-light.png' });
    await citing.getByRole('button', { name: 'Cite this passage' }).click();
    await expect(pageB).toHaveURL(new RegExp(`${READER}/notes/5/compare$`));
    await expect(pageB.getByRole('blockquote', { name: `Passage cited from ${title}` })).toContainText(CITED);

    // A sees the cited passage under the note and changes the verdict, saying why.
    await pageA.goto(`${READER}#fn-5`);
    const cardA = pageA.getByRole('region', { name: 'Footnote 5', exact: true }).getByRole('article', { name: title });
    await expect(cardA.getByRole('figure')).toContainText(CITED);
    await expect(cardA.getByRole('figure')).toContainText(`Cited passage: ${title}, Findings, paragraph 1`);
    await cardA.getByRole('button', { name: `Change verdict on ${title}` }).click();
    await cardA.getByLabel('Verdict').selectOption('SUPPORTS');
    await cardA.getByLabel('Why (optional)').fill('Table 3 gives the 2016 figure');
    await cardA.getByRole('button', { name: 'Save verdict' }).click();
    await expect(cardA.getByRole('button', { name: 'Save verdict' })).toHaveCount(0);
    await expect(cardA).toContainText('Supports');

    await pageB.goto(DESK);
    const history = await openHistory(pageB, 'History of note 5');
    await expect(history).toContainText(`Source “${title}” attached, verdict Not yet checked — ${bea.name}`);
    await expect(history).toContainText(`Passage cited from “${title}”: “${CITED}” — ${bea.name}`);
    await expect(history).toContainText(`Verdict on “${title}”: Not yet checked → Partly supports — ${bea.name}`);
    await expect(history).toContainText('Why: It gives a range, not the figure the claim states');
    await expect(history).toContainText(`Verdict on “${title}”: Partly supports → Supports — ${LIBRARY_OWNER.name}`);
    await expect(history).toContainText('Why: Table 3 gives the 2016 figure');
    await expect(history).toContainText(`Assignee: nobody → ${bea.name} — ${LIBRARY_OWNER.name}`);

    // The compare view, from the note on the desk and from the report, shows the citing sentence beside the cited passage.
    await pageA.goto(DESK);
    await noteRow(pageA, 5).getByRole('link', { name: 'Compare with the citing sentence' }).click();
    await expectComparison(pageA, title);
    await pageA.goto(`${READER}/report`);
    const reportNote = pageA.getByRole('region', { name: 'Note 5', exact: true });
    await expect(reportNote).toContainText(`Cited passage: ${title}, Findings, paragraph 1`);
    await expect(reportNote.getByRole('blockquote').filter({ hasText: CITED })).toBeVisible();
    await reportNote.getByRole('link', { name: 'Compare note 5 with its cited passages' }).click();
    await expectComparison(pageA, title);
    for (const colorScheme of ['light', 'dark'] as const) {
      await pageA.emulateMedia({ colorScheme });
      for (const width of [1280, 375]) {
        await pageA.setViewportSize({ width, height: width === 375 ? 812 : 900 });
        await pageA.screenshot({ path: `test-results/screenshots/compare-${width}-${colorScheme}.png`, fullPage: true });
      }
      const compareAxe = await new AxeBuilder({ page: pageA }).analyze();
      expect(compareAxe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
    }
    // On a phone the citing sentence stands above the cited passage.
    const citingBox = await pageA.getByRole('region', { name: 'Citing sentence' }).first().boundingBox();
    const citedBox = await pageA.getByRole('region', { name: `Cited passage: ${title}` }).boundingBox();
    expect(citedBox!.y).toBeGreaterThan(citingBox!.y + citingBox!.height - 1);
    await pageA.setViewportSize({ width: 1280, height: 900 });
    await pageA.emulateMedia({ colorScheme: 'light' });

    // A edits the source's title, then deletes it; the note's verdict history stays readable.
    await pageA.goto(DESK);
    const row = noteRow(pageA, 5);
    const item = row.getByRole('listitem').filter({ hasText: title });
    await item.getByRole('button', { name: 'Edit source' }).click();
    const edit = row.getByRole('form', { name: `Edit source ${title}` });
    await edit.getByLabel('Title').fill(`${title}, revised`);
    await edit.getByLabel('Reason for the change').fill('The publisher reissued it');
    await edit.getByRole('button', { name: 'Save source' }).click();
    const sourceHistory = await openHistory(pageA, `History of source ${title}, revised`);
    await expect(sourceHistory).toContainText(`Title: “${title}” → “${title}, revised” — ${LIBRARY_OWNER.name}`);
    await expect(sourceHistory).toContainText('Why: The publisher reissued it');

    await item.getByRole('button', { name: 'Delete source' }).click();
    const confirm = row.getByRole('form', { name: `Delete source ${title}, revised` });
    await expect(confirm).toContainText('It is used by note 5.');
    await confirm.getByLabel('Reason for deleting').fill('Withdrawn');
    await confirm.getByRole('button', { name: 'Confirm delete' }).click();
    await expect(item.getByRole('button', { name: 'Delete source' })).toHaveCount(0);
    const afterDelete = await openHistory(pageA, 'History of note 5');
    await expect(afterDelete).toContainText(`Verdict on “${title}”: Partly supports → Supports — ${LIBRARY_OWNER.name}`);
    await expect(afterDelete).toContainText(`Source “${title}, revised” deleted; its last verdict was Supports — ${LIBRARY_OWNER.name}`);

    const axe = await new AxeBuilder({ page: pageA }).analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);

    // The workspace feed tells the team.
    await pageA.goto('/workspaces/marginalia/activity');
    await expect(pageA.getByText('assigned a note').first()).toBeVisible();
    await contextA.close();
  });

  test('Next note to trace opens the first untraced note that is mine or nobody’s', async ({ browser, page }) => {
    test.setTimeout(90_000);
    await joinLibraryAs(browser, page, newPerson('Nico Next'), 'COMMENTER');
    await page.goto(DESK);
    const next = page.getByRole('button', { name: 'Next note to trace', exact: true });
    const number = Number(/note (\d+)/.exec((await page.getByText(/^Next up: note \d+$/).textContent()) ?? '')?.[1]);
    await expect(next).toHaveAccessibleDescription(`Next up: note ${number}`);
    expect(number).toBeGreaterThan(0);
    await expect(noteRow(page, number)).toContainText('Untraced');
    await next.click();
    await expect(page).toHaveURL(new RegExp(`${READER}#fn-${number}$`));
    await expect(page.getByRole('region', { name: `Footnote ${number}`, exact: true })).toBeVisible();
  });
});
