import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorSelectors } from '@/lib/domain/anchoring';
import { fromHypothesisAnnotation, hypothesisUsername, PAGE_NOTE_WARNING, parseHypothesisExport } from '@/lib/domain/hypothesis-import';
import { CodePointIndex, normalizeText } from '@/lib/domain/text';
import type { ImportedAnnotation } from '@/lib/domain/web-annotation';

const article = normalizeText(readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8'));
const exportFile: { total: number; rows: Array<Record<string, unknown>> } = JSON.parse(
  readFileSync(new URL('../fixtures/hypothesis-export.json', import.meta.url), 'utf8'),
);
const OSW = 'https://www.osw.waw.pl/en/publikacje/osw-commentary/2017-04-12/exporting-jihad-islamic-terrorism-central-asia';

const ids = {
  range: 'Xk2fRu7EEeeLbq8tXm1Qyw',
  imu: 'Z1pC3O7EEeeMFzsx2n8qaw',
  highlight: 'bH7sYe7FEee3Jx8PkQv0nA',
  pageNote: 'cQ0tVu7GEeeQ4wN2hJ3kTg',
  reply: 'dR4wXk7HEee9bV3yqL6mJA',
  replyToReply: 'eT5yZm7HEeeAcW4zrM7nKw',
  gone: 'fU6zAn7IEeeBdX5ArN8oLg',
};

const parsed = parseHypothesisExport(exportFile);

function byId(id: string, annotations: ImportedAnnotation[] = parsed.annotations): ImportedAnnotation {
  const annotation = annotations.find((candidate) => candidate.externalId === id);
  if (!annotation) throw new Error(`No imported annotation ${id}`);
  return annotation;
}

function row(id: string): Record<string, unknown> {
  const found = exportFile.rows.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No fixture row ${id}`);
  return structuredClone(found);
}

function problemFor(json: unknown): string {
  const result = fromHypothesisAnnotation(json);
  if (result.ok) throw new Error('Expected the annotation to be refused');
  return result.message;
}

describe('parseHypothesisExport on an API search result for the seed article', () => {
  it('imports all seven annotations, with nothing refused', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.annotations).toHaveLength(7);
  });

  it('keeps each quote with its context and the position Hypothesis recorded', () => {
    expect(byId(ids.range).target).toEqual({
      kind: 'quote',
      source: OSW,
      quote: {
        type: 'TextQuoteSelector',
        exact: 'between 2 and 5 thousand volunteers from Central Asia have left for Syria and Iraq',
        prefix: 'ce the outbreak of war in 2011, ',
        suffix: ', where they joined radical Isla',
      },
      position: { type: 'TextPositionSelector', start: 7957, end: 8039 },
    });
  });

  it('quotes the seed article word for word, context included, except the passage that is gone', () => {
    for (const id of [ids.range, ids.imu, ids.highlight]) {
      const { target } = byId(id);
      if (target.kind !== 'quote') throw new Error(`${id} should quote the article`);
      expect(article).toContain(`${target.quote.prefix}${target.quote.exact}${target.quote.suffix}`);
    }
    const gone = byId(ids.gone).target;
    expect(gone.kind === 'quote' && article.includes(gone.quote.exact)).toBe(false);
  });

  it('reads the comment, the tags as typed and the dates in UTC', () => {
    const annotation = byId(ids.range);
    expect(annotation.body).toBe('A range this wide (2 to 5 thousand) needs its source, and footnote 13 is missing from our copy. Which estimate gives the low end?');
    expect(annotation.tags).toEqual(['statistic', 'disputed']);
    expect(annotation.motivation).toBe('commenting');
    expect(annotation.created).toBe('2017-04-18T09:12:44.510Z');
    expect(annotation.modified).toBe('2017-04-18T09:15:02.118Z');
    expect(annotation.visibility).toBe('workspace');
    expect(annotation.warnings).toEqual([]);
    expect(byId(ids.imu).tags).toEqual(['IMU', 'actor:IMU', 'claim']);
    expect(byId(ids.imu).body).toContain('**1990-2000**');
  });

  it('names each author by display name, or by account name when there is none', () => {
    expect(byId(ids.range).creator).toEqual({ id: 'acct:mkowalska@hypothes.is', name: 'Marta Kowalska' });
    expect(byId(ids.reply).creator).toEqual({ id: 'acct:dbergstrom@hypothes.is', name: 'Daniel Bergström' });
    expect(byId(ids.pageNote).creator).toEqual({ id: 'acct:achen@hypothes.is', name: 'achen' });
  });

  it('makes each reply point at its parent, the last of its references', () => {
    expect(byId(ids.reply).target).toEqual({ kind: 'reply', parentExternalId: ids.range });
    expect(byId(ids.replyToReply).target).toEqual({ kind: 'reply', parentExternalId: ids.reply });
    expect(byId(ids.reply).motivation).toBe('replying');
    expect(byId(ids.replyToReply).body).toMatch(/^Agreed\./);
  });

  it('lists parents before their replies, though Hypothesis sends the newest first', () => {
    const order = parsed.annotations.map((annotation) => annotation.externalId);
    expect(order.indexOf(ids.range)).toBeLessThan(order.indexOf(ids.reply));
    expect(order.indexOf(ids.reply)).toBeLessThan(order.indexOf(ids.replyToReply));
  });

  it('keeps an "Only me" highlight private, with its tag and no comment', () => {
    const highlight = byId(ids.highlight);
    expect(highlight.motivation).toBe('highlighting');
    expect(highlight.body).toBe('');
    expect(highlight.tags).toEqual(['IMU']);
    expect(highlight.visibility).toBe('private');
  });

  it('brings in the page note as a note on the whole page, saying plainly that it cannot be placed on the text', () => {
    const note = byId(ids.pageNote);
    expect(note.target).toEqual({ kind: 'resource', iri: OSW });
    expect(note.warnings).toEqual([PAGE_NOTE_WARNING]);
    expect(PAGE_NOTE_WARNING).toMatch(/quotes no passage, so it cannot be placed on the text/);
    expect(note.tags).toEqual(['reading-group']);
  });

  it('anchors the quotes on the seed article by their text, and leaves the vanished passage an orphan', () => {
    const index = new CodePointIndex(article);
    for (const id of [ids.range, ids.imu, ids.highlight]) {
      const { target } = byId(id);
      if (target.kind !== 'quote' || target.position === null) throw new Error(`${id} should have a quote and a position`);
      const result = anchorSelectors(article, { quote: target.quote, position: target.position }, { index });
      // Hypothesis counted from the top of the OSW web page, menus included: its positions do not fit our copy. The
      // quote is there once, in its own context, so it is placed exactly all the same.
      expect(result.status).toBe('exact');
      expect(result.start).toBe(index.toCodePoint(article.indexOf(target.quote.exact)));
    }
    const gone = byId(ids.gone).target;
    if (gone.kind !== 'quote' || gone.position === null) throw new Error('The vanished passage should still be a quote');
    expect(anchorSelectors(article, { quote: gone.quote, position: gone.position }, { index }).status).toBe('orphan');
  });
});

describe('parseHypothesisExport on other shapes', () => {
  it('reads a plain list of annotations and the client’s export file alike', () => {
    expect(parseHypothesisExport(exportFile.rows).annotations).toHaveLength(7);
    const clientExport = { export_date: '2024-12-09T07:17:52.000Z', export_userid: 'acct:mkowalska@hypothes.is', client_version: '1.1500.0', annotations: exportFile.rows };
    expect(parseHypothesisExport(clientExport)).toEqual(parsed);
  });

  it('reads replies fetched separately with _separate_replies', () => {
    const rows = exportFile.rows.filter((candidate) => !Array.isArray(candidate.references));
    const replies = exportFile.rows.filter((candidate) => Array.isArray(candidate.references));
    const result = parseHypothesisExport({ total: rows.length, rows, replies });
    expect(result.annotations).toHaveLength(7);
    expect(result.problems).toEqual([]);
  });

  it('warns when a search result holds only some of its matches', () => {
    const result = parseHypothesisExport({ ...exportFile, total: 40 });
    expect(result.annotations).toHaveLength(7);
    expect(result.problems).toEqual([]);
    expect(result.notices).toEqual(['This search result holds 7 of 40 annotations: fetch the other pages (search_after) and import them too.']);
  });

  it('says what it expected when the file is not a Hypothesis export', () => {
    for (const value of ['hello', null, { data: [] }, 3]) {
      const result = parseHypothesisExport(value);
      expect(result.annotations).toEqual([]);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]?.message).toMatch(/^This is not a Hypothesis export: expected a list of annotations/);
    }
  });

  it('imports the rest when some annotations cannot be taken, naming each one it refused', () => {
    const rangeOnly = row(ids.imu);
    rangeOnly.id = 'rangeOnly00000000000000';
    rangeOnly.target = [{ source: OSW, selector: [{ type: 'RangeSelector', startContainer: '/p[4]', startOffset: 0, endContainer: '/p[4]', endOffset: 9 }] }];
    const result = parseHypothesisExport([row(ids.range), 'not an annotation', rangeOnly]);
    expect(result.annotations.map((annotation) => annotation.externalId)).toEqual([ids.range]);
    expect(result.problems).toEqual([
      { id: null, message: 'Annotation 2 of 3: Expected a Hypothesis annotation (a JSON object) and got a string.' },
      { id: 'rangeOnly00000000000000', message: 'Unsupported selector type RangeSelector: Marginalia places annotations by their quoted text and needs a TextQuoteSelector.' },
    ]);
  });

  it('keeps the first of two annotations with the same id and reports the second', () => {
    const result = parseHypothesisExport([row(ids.range), row(ids.range)]);
    expect(result.annotations).toHaveLength(1);
    expect(result.problems).toEqual([{ id: ids.range, message: 'This id appears more than once in the file; only the first annotation with it was kept.' }]);
  });

  it('warns about a reply whose parent was not exported', () => {
    const result = parseHypothesisExport([row(ids.replyToReply)]);
    expect(result.annotations[0]?.warnings).toEqual([
      `It replies to ${ids.reply}, which is not in this file.`,
    ]);
  });
});

describe('fromHypothesisAnnotation', () => {
  it('refuses a comment over 10,000 characters', () => {
    expect(problemFor({ ...row(ids.range), text: 'x'.repeat(10_001) })).toMatch(/^The comment has 10,001 characters/);
  });

  it('refuses 25 tags and a tag with a line break', () => {
    expect(problemFor({ ...row(ids.range), tags: Array.from({ length: 25 }, (_, n) => `tag ${n}`) })).toBe('An annotation can have at most 20 tags, and this one has 25. Remove 5.');
    expect(problemFor({ ...row(ids.range), tags: ['statistic\nIMU'] })).toMatch(/A tag cannot contain line breaks/);
  });

  it('refuses an annotation without an id, or with tags that are not strings', () => {
    const withoutId = row(ids.range);
    delete withoutId.id;
    expect(problemFor(withoutId)).toBe('It has no id.');
    expect(problemFor({ ...row(ids.range), id: 7 })).toBe('Its id must be a string.');
    expect(problemFor({ ...row(ids.range), tags: 'statistic' })).toBe('Its tags must be a list of strings.');
  });

  it('refuses a quote-less annotation that has no page address either', () => {
    const withoutUri = row(ids.pageNote);
    delete withoutUri.uri;
    expect(problemFor({ ...withoutUri, target: [{}] })).toBe('It has neither selectors nor the address of the page it is about.');
  });

  it.each<[string, (json: Record<string, unknown>) => void, RegExp]>([
    ['comment', (json) => (json.text = 'Which estimate?\u0000'), /^The comment contains a NUL character \(U\+0000\)/],
    ['id', (json) => (json.id = 'Xk2f\u0000'), /^Its id contains a NUL character \(U\+0000\)/],
    ['user', (json) => (json.user = 'acct:mkowalska\u0000@hypothes.is'), /^Its creator's id contains a NUL character/],
    ['display name', (json) => (json.user_info = { display_name: 'Marta\u0000' }), /^Its creator's name contains a NUL character/],
    ['page address', (json) => (json.target = [{ source: `${OSW}\u0000`, selector: (json.target as Array<{ selector: unknown }>)[0]?.selector }]), /^Its target's source contains a NUL character/],
    ['quote', (json) => ((json.target as Array<{ selector: Array<Record<string, unknown>> }>)[0]!.selector[2]!.exact = 'between 2\u0000'), /^The quoted text \("exact"\) contains a NUL character/],
  ])('refuses an annotation whose %s holds a NUL character, which the database cannot store', (_field, damage, message) => {
    const json = row(ids.range);
    damage(json);
    expect(problemFor(json)).toMatch(message);
  });

  it('refuses a page note whose address holds a NUL character, and a reply whose parent id does', () => {
    const pageNote = row(ids.pageNote);
    delete pageNote.target;
    pageNote.uri = `${OSW}\u0000`;
    expect(problemFor(pageNote)).toMatch(/^Its target's address contains a NUL character/);
    expect(problemFor({ ...row(ids.reply), references: ['Xk2f\u0000'] })).toMatch(/^The id of the annotation it replies to contains a NUL character/);
  });

  it('names the annotation whose text holds a NUL character when reading a whole export', () => {
    const result = parseHypothesisExport({ rows: [{ ...row(ids.range), user_info: { display_name: 'Marta\u0000' } }, row(ids.imu)] });
    expect(result.annotations.map((annotation) => annotation.externalId)).toEqual([ids.imu]);
    expect(result.problems).toEqual([{ id: ids.range, message: expect.stringMatching(/^Its creator's name contains a NUL character/) }]);
  });

  it('refuses a date it cannot read', () => {
    expect(problemFor({ ...row(ids.range), created: 'April 18th' })).toBe('Its created date "April 18th" is not a date and time such as 2017-04-12T09:30:00Z.');
  });

  it('treats annotations shared with a private group as workspace annotations', () => {
    const result = fromHypothesisAnnotation({ ...row(ids.range), group: 'kXz3mB9e', permissions: { read: ['group:kXz3mB9e'] } });
    expect(result.ok && result.value.visibility).toBe('workspace');
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(typeof fromHypothesisAnnotation(value).ok).toBe('boolean');
        expect(Array.isArray(parseHypothesisExport(value).problems)).toBe(true);
      }),
    );
  });

  it('never throws on Hypothesis-shaped rows with anything in any field', () => {
    const anything = fc.jsonValue({ maxDepth: 3 });
    const field = <T>(valid: T) => fc.oneof(fc.constant(valid), anything);
    const hypothesisLike = fc.record(
      {
        id: field('Xk2fRu7EEeeLbq8tXm1Qyw'),
        text: field('comment'),
        tags: fc.oneof(anything, fc.array(fc.string(), { maxLength: 25 })),
        uri: field(OSW),
        user: field('acct:mkowalska@hypothes.is'),
        created: field('2017-04-18T09:12:44.510233+00:00'),
        updated: anything,
        references: fc.oneof(anything, fc.array(fc.string(), { maxLength: 3 })),
        permissions: fc.oneof(anything, fc.record({ read: fc.oneof(anything, fc.array(fc.string())) })),
        user_info: fc.oneof(anything, fc.record({ display_name: anything })),
        target: fc.oneof(anything, fc.array(fc.record({ source: anything, selector: fc.oneof(anything, fc.array(anything, { maxLength: 3 })) }), { maxLength: 2 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(hypothesisLike, { maxLength: 4 }), (rows) => {
        const result = parseHypothesisExport({ total: rows.length, rows });
        expect(result.annotations.length + result.problems.length).toBeGreaterThanOrEqual(rows.length > 0 ? 1 : 0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hypothesisUsername', () => {
  it('reads the username out of an account URI', () => {
    expect(hypothesisUsername('acct:mkowalska@hypothes.is')).toBe('mkowalska');
    expect(hypothesisUsername('mkowalska')).toBeNull();
  });
});
