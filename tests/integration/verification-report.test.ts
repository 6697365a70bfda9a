import { createHash } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSourceToNote, setVerdict } from '@/lib/dal/sources';
import { setNoteTracing } from '@/lib/dal/verification-desk';
import { exportReportHtml, getReportModel, getVerificationReportPage, signOffReport } from '@/lib/dal/verification-report';
import { renderReportPdf } from '@/lib/report-pdf';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const TEXT = 'A report memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nAbout 4,000 fighters left Łódź in 2015.[2] Some 300 came back that year.\n';

let database: TestDatabase;
let team: Team;
let slug: string;
let footnoteSourceId: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  ({ id: footnoteSourceId } = await addSourceToNote(team.people.commenter, slug, 2, {
    kind: 'REPORT',
    title: 'Foreign fighters from Łódź <script>alert(1)</script>',
    authors: 'Żółć, Gęślą',
    url: 'https://example.org/lodz',
    archiveUrl: 'https://web.archive.org/web/2017/https://example.org/lodz',
    evidenceQuote: 'Some 4,000 left in 2015.',
  }));
  await setVerdict(team.people.editor, footnoteSourceId, { verdict: 'PARTIALLY_SUPPORTS', comment: 'Only the total matches' });
  await setVerdict(team.people.owner, footnoteSourceId, { verdict: 'SUPPORTS', comment: 'Table 3 has the year' });
  await setNoteTracing(team.people.owner, slug, 2, { status: 'VERIFIED', assigneeId: team.people.commenter.id });
});

afterAll(async () => {
  await database.drop();
});

describe('the verification report', () => {
  it('lists every note with its status, its citing sentence, sources with metadata, verdict history and the uncited figures', async () => {
    const model = await getReportModel(team.people.viewer, slug);
    expect(model?.notes.map((note) => [note.number, note.status])).toEqual([
      [1, 'Untraced'],
      [2, 'Verified'],
    ]);
    const note = model!.notes[1]!;
    expect(note.assignee).toBe(team.people.commenter.name);
    expect(note.citingSentences).toEqual([{ text: 'About 4,000 fighters left Łódź in 2015.[2]', page: null }]);
    expect(note.sources[0]?.details).toContainEqual(['Authors', 'Żółć, Gęślą']);
    expect(note.sources[0]?.verdictHistory.map((line) => [line.text, line.who, line.reason])).toEqual([
      ['Not yet checked', team.people.commenter.name, 'Source added'],
      ['Partly supports', team.people.editor.name, 'Only the total matches'],
      ['Supports', team.people.owner.name, 'Table 3 has the year'],
    ]);
    expect(model?.uncitedSentences).toEqual(['Some 300 came back that year.']);
    expect(model?.generatedBy).toBe(team.people.viewer.name);
  });

  it('follows the rules of every export: readers get it, others get nothing', async () => {
    expect(await getReportModel(team.people.outsider, slug)).toBeNull();
    expect(await getReportModel(null, slug)).toBeNull();
    expect(await outcomeOf(() => exportReportHtml(team.people.outsider, slug))).toBe('NOT_FOUND');
  });

  it('report.html is one page with no script, every value escaped, naming version, date and who generated it', async () => {
    const html = await exportReportHtml(team.people.editor, slug);
    expect(html).toMatch(/^<!doctype html>/u);
    expect(html).not.toMatch(/<script/iu);
    expect(html).toContain('Foreign fighters from Łódź &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`<h1>Verification report: `);
    expect(html).toMatch(new RegExp(`Version 1 · generated \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} UTC by ${team.people.editor.name}`, 'u'));
    expect(html).toContain('@media print');
  });

  it('report.pdf embeds a Unicode font: its text reads back with note 2’s sentence, verdict and history', async () => {
    const model = await getReportModel(team.people.editor, slug);
    const pdf = await renderReportPdf(model!);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const parser = new PDFParse({ data: pdf });
    const { text } = await parser.getText();
    await parser.destroy();
    const flat = text.replace(/\s+/gu, ' ');
    expect(flat).toContain('About 4,000 fighters left Łódź in 2015.[2]');
    expect(flat).toContain('Foreign fighters from Łódź <script>alert(1)</script> — Supports');
    expect(flat).toContain(`Partly supports — ${team.people.editor.name}`);
    expect(flat).toContain('Why: Only the total matches');
    expect(flat).toContain(`Supports — ${team.people.owner.name}`);
    expect(flat).toContain('Why: Table 3 has the year');
    expect(flat).toContain('Version 1');
  });

  it('a sign-off by an editor freezes the report with its SHA-256; a later verdict change shows as changed since', async () => {
    expect(await outcomeOf(() => signOffReport(team.people.commenter, slug))).toBe('FORBIDDEN');
    expect(await outcomeOf(() => signOffReport(team.people.outsider, slug))).toBe('NOT_FOUND');
    const signed = await signOffReport(team.people.editor, slug);
    const stored = await database.db.reportSignOff.findUniqueOrThrow({ where: { id: signed.id }, select: { html: true } });
    expect(createHash('sha256').update(stored.html, 'utf8').digest('hex')).toBe(signed.sha256);
    expect((await getVerificationReportPage(team.people.viewer, slug))?.signOff).toMatchObject({ sha256: signed.sha256, signedBy: team.people.editor.name, changes: [] });

    await setVerdict(team.people.owner, footnoteSourceId, { verdict: 'DOES_NOT_SUPPORT', comment: 'Misread the table' });
    const page = await getVerificationReportPage(team.people.viewer, slug);
    expect(page?.signOff?.changes).toEqual(['Note 2: verdict on “Foreign fighters from Łódź <script>alert(1)</script>” Supports → Does not support']);
    expect(page?.canSignOff).toBe(false);
  });
});
