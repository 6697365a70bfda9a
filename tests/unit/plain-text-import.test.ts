import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentFormatError, parsePlainTextDocument, type ParsedDocument } from '@/lib/domain/plain-text-import';
import { codePointLength, codePointSlice, normalizeText } from '@/lib/domain/text';

const seedRaw = readFileSync(new URL('../../prisma/seed/exporting-jihad.txt', import.meta.url), 'utf8');

const slice = (doc: ParsedDocument, range: { start: number; end: number }): string => codePointSlice(doc.text, range.start, range.end);

function paragraphText(doc: ParsedDocument, ordinal: number): string {
  const paragraph = doc.paragraphs[ordinal - 1];
  if (!paragraph) throw new Error(`No paragraph ${ordinal}`);
  return slice(doc, paragraph);
}

function parseError(raw: string): DocumentFormatError {
  try {
    parsePlainTextDocument(raw);
  } catch (error) {
    if (error instanceof DocumentFormatError) return error;
    throw error;
  }
  throw new Error('Expected a DocumentFormatError');
}

// Everything that must hold for any document the importer accepts, whatever its shape.
function expectConsistent(doc: ParsedDocument): void {
  const length = codePointLength(doc.text);
  expect(doc.paragraphs.length).toBeGreaterThan(0);

  doc.paragraphs.forEach((paragraph, i) => {
    expect(paragraph.ordinal).toBe(i + 1);
    expect(0 <= paragraph.start && paragraph.start < paragraph.end && paragraph.end <= length).toBe(true);
    const content = slice(doc, paragraph);
    expect(content.trim()).toBe(content);
    const next = doc.paragraphs[i + 1];
    if (next) {
      expect(paragraph.end).toBeLessThan(next.start);
      // Sections only move forward: lead first, then section 1, 2, ...
      expect(next.sectionOrdinal ?? 0).toBeGreaterThanOrEqual(paragraph.sectionOrdinal ?? 0);
    }
  });

  const slugs = new Set<string>();
  doc.sections.forEach((section, i) => {
    expect(section.ordinal).toBe(i + 1);
    expect(section.start).toBeLessThan(section.end);
    expect(section.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(slugs.has(section.slug)).toBe(false);
    slugs.add(section.slug);

    const members = doc.paragraphs.filter((p) => p.sectionOrdinal === section.ordinal);
    if (section.heading === null) {
      expect(section.headingStart).toBeNull();
      expect(section.headingEnd).toBeNull();
      expect(section.start).toBe(members[0]?.start);
    } else {
      expect(section.headingStart).toBe(section.start);
      expect(slice(doc, { start: section.start, end: section.headingEnd ?? -1 })).toBe(section.heading);
      for (const p of members) expect(p.start).toBeGreaterThan(section.headingEnd ?? Infinity);
    }
    expect(section.end).toBe(members.at(-1)?.end ?? section.headingEnd);
    for (const p of members) expect(section.start <= p.start && p.end <= section.end).toBe(true);

    const next = doc.sections[i + 1];
    if (next) expect(section.end).toBeLessThan(next.start);
  });
  const firstSection = doc.sections[0];
  for (const p of doc.paragraphs.filter((p) => p.sectionOrdinal === null)) {
    expect(p.end).toBeLessThan(firstSection?.start ?? Infinity);
  }

  doc.footnoteMarkers.forEach((marker, i) => {
    expect(slice(doc, marker)).toBe(`[${marker.number}]`);
    const paragraph = doc.paragraphs[marker.paragraphOrdinal - 1];
    expect(paragraph && paragraph.start <= marker.start && marker.end <= paragraph.end).toBe(true);
    const next = doc.footnoteMarkers[i + 1];
    if (next) expect(marker.end).toBeLessThanOrEqual(next.start);
  });
}

describe('the seed article "Exporting Jihad"', () => {
  const doc = parsePlainTextDocument(seedRaw);
  const markersByNumber = new Map(doc.footnoteMarkers.map((m) => [m.number, m]));
  const marker = (n: number) => {
    const found = markersByNumber.get(n);
    if (!found) throw new Error(`Marker ${n} not found`);
    return found;
  };

  it('shows the article title', () => {
    expect(doc.title).toBe('Exporting Jihad – Islamic terrorism from Central Asia');
  });

  it('keeps the whole text, title line included, so offsets point into what is stored', () => {
    expect(doc.text).toBe(normalizeText(seedRaw));
    expect(doc.text.startsWith(doc.title)).toBe(true);
  });

  it('has a one-paragraph lead about the Stockholm attack before the first section', () => {
    const lead = doc.paragraphs.filter((p) => p.sectionOrdinal === null);
    expect(lead).toHaveLength(1);
    expect(lead[0]?.ordinal).toBe(1);
    expect(paragraphText(doc, 1)).toMatch(/^The terrorist attack in Stockholm/);
  });

  it('has the three headed sections and the final untitled one, without an invented heading', () => {
    expect(doc.sections.map((s) => s.heading)).toEqual([
      'Historical overview – evolution and globalisation',
      'Syria – a game changer',
      'Between Islamisation and authoritarianism',
      null,
    ]);
    const untitled = doc.sections[3];
    const firstOfUntitled = doc.paragraphs.find((p) => p.sectionOrdinal === 4);
    expect(untitled?.start).toBe(firstOfUntitled?.start);
    expect(paragraphText(doc, firstOfUntitled?.ordinal ?? 0)).toMatch(/^Up to the present date/);
  });

  it('gives each section a stable address', () => {
    expect(doc.sections.map((s) => s.slug)).toEqual([
      'historical-overview-evolution-and-globalisation',
      'syria-a-game-changer',
      'between-islamisation-and-authoritarianism',
      'section-4',
    ]);
  });

  it('splits the body into 18 paragraphs: 1 lead, 4 + 4 + 4 in the headed sections, 5 in the untitled one', () => {
    const counts = [null, 1, 2, 3, 4].map((s) => doc.paragraphs.filter((p) => p.sectionOrdinal === s).length);
    expect(counts).toEqual([1, 4, 4, 4, 5]);
    expectConsistent(doc);
  });

  it('does not make headings into paragraphs', () => {
    const paragraphTexts = doc.paragraphs.map((p) => slice(doc, p));
    for (const section of doc.sections) {
      if (section.heading) expect(paragraphTexts).not.toContain(section.heading);
    }
  });

  it('finds footnote markers 1 to 40, each exactly once, in reading order', () => {
    expect(doc.footnoteMarkers.map((m) => m.number)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('places every footnote marker exactly on its brackets', () => {
    for (const m of doc.footnoteMarkers) expect(codePointSlice(doc.text, m.start, m.end)).toBe(`[${m.number}]`);
  });

  it('finds marker 8, which follows a space in "(IS) [8]"', () => {
    const m = marker(8);
    expect(codePointSlice(doc.text, m.start - 5, m.end)).toBe('(IS) [8]');
  });

  it('finds marker 33 written directly after a word, "services[33],"', () => {
    const m = marker(33);
    expect(codePointSlice(doc.text, m.start - 8, m.end + 1)).toBe('services[33],');
  });

  it('finds marker 6 at the very end of a paragraph that has no full stop', () => {
    const m = marker(6);
    const paragraph = doc.paragraphs[m.paragraphOrdinal - 1];
    expect(paragraph?.end).toBe(m.end);
    expect(codePointSlice(doc.text, m.start - 5, m.end)).toBe('2004)[6]');
  });

  it('attaches every marker to the paragraph that contains it', () => {
    for (const m of doc.footnoteMarkers) {
      const paragraph = doc.paragraphs[m.paragraphOrdinal - 1];
      expect(paragraph).toBeDefined();
      expect(paragraph && paragraph.start <= m.start && m.end <= paragraph.end).toBe(true);
    }
    expect(marker(1).paragraphOrdinal).toBe(3);
    expect(marker(40).paragraphOrdinal).toBe(18);
  });

  it('ends a paragraph at its last visible character even when the line trails no-break spaces', () => {
    // The seed has "[20].\u00a0\u00a0\u00a0" and ".\u00a0 \u00a0" at the ends of paragraph lines.
    expect(paragraphText(doc, 8).endsWith('responsibilities[20].')).toBe(true);
    expect(paragraphText(doc, 10).endsWith('Central Asia.')).toBe(true);
  });

  it('reads the article the same way twice and from its own stored text', () => {
    expect(parsePlainTextDocument(seedRaw)).toEqual(doc);
    expect(parsePlainTextDocument(doc.text)).toEqual(doc);
  });
});

describe('offsets count characters (code points), not UTF-16 units', () => {
  const raw = 'Title\n\nLead 😀[1] text.\n\n\nHeading\n\nBody[2]\n';

  it('gives exact offsets for title, lead, heading, paragraphs and markers', () => {
    expect(parsePlainTextDocument(raw)).toEqual({
      title: 'Title',
      text: raw,
      paragraphs: [
        { ordinal: 1, start: 7, end: 22, sectionOrdinal: null },
        { ordinal: 2, start: 34, end: 41, sectionOrdinal: 1 },
      ],
      sections: [{ ordinal: 1, heading: 'Heading', headingStart: 25, headingEnd: 32, slug: 'heading', start: 25, end: 41 }],
      footnoteMarkers: [
        { number: 1, start: 13, end: 16, paragraphOrdinal: 1 },
        { number: 2, start: 38, end: 41, paragraphOrdinal: 2 },
      ],
    } satisfies ParsedDocument);
  });

  it('counts an astral character in the title as one character', () => {
    const doc = parsePlainTextDocument('𝒜 title 😀\n\n😀😀 then [3].');
    expect(doc.title).toBe('𝒜 title 😀');
    expect(doc.paragraphs[0]).toMatchObject({ start: 11, end: 23 });
    expect(doc.footnoteMarkers[0]).toMatchObject({ number: 3, start: 19, end: 22 });
  });
});

describe('text encodings that mean the same', () => {
  const lf = 'Café notes\n\nUn café[1] ici.\nSecond line.\n\n\nÉté\n\nTexte[2]\n';

  it('reads Windows (CRLF) line ends exactly like \\n', () => {
    expect(parsePlainTextDocument(lf.replaceAll('\n', '\r\n'))).toEqual(parsePlainTextDocument(lf));
  });

  it('reads old Mac (CR) line ends exactly like \\n', () => {
    expect(parsePlainTextDocument(lf.replaceAll('\n', '\r'))).toEqual(parsePlainTextDocument(lf));
  });

  it('gives decomposed accents (e + combining acute) the same offsets as precomposed ones', () => {
    const nfd = lf.normalize('NFD');
    expect(nfd).not.toBe(lf);
    expect(nfd.includes('e\u0301')).toBe(true);
    expect(parsePlainTextDocument(nfd)).toEqual(parsePlainTextDocument(lf));
  });

  it('ignores a byte-order mark, so offsets still start at the title', () => {
    const doc = parsePlainTextDocument(`\uFEFF${lf}`);
    expect(doc.title).toBe('Café notes');
    expect(doc).toEqual(parsePlainTextDocument(lf));
  });
});

describe('paragraphs, headings and sections', () => {
  it('keeps a paragraph written over several lines as one paragraph, line breaks included', () => {
    const doc = parsePlainTextDocument('Title\n\n  First line\n  second line.  \n\nNext.');
    expect(doc.paragraphs).toHaveLength(2);
    expect(paragraphText(doc, 1)).toBe('First line\n  second line.');
  });

  it('treats a short line without closing punctuation at the start of a section as its heading', () => {
    const doc = parsePlainTextDocument('Title\n\nLead.\n\n\nA short line\n\nBody.');
    expect(doc.sections[0]?.heading).toBe('A short line');
    expect(doc.paragraphs.map((p) => slice(doc, p))).toEqual(['Lead.', 'Body.']);
  });

  it('treats a one-line block ending in a full stop at the start of a section as a paragraph of an untitled section', () => {
    const doc = parsePlainTextDocument('Title\n\nLead.\n\n\nA short line.\n\nBody.');
    expect(doc.sections[0]).toMatchObject({ heading: null, headingStart: null, headingEnd: null, slug: 'section-1' });
    expect(doc.paragraphs.map((p) => slice(doc, p))).toEqual(['Lead.', 'A short line.', 'Body.']);
    expect(doc.sections[0]?.start).toBe(doc.paragraphs[1]?.start);
  });

  it.each(['What next?', 'Note:', 'Stop!', 'He said "no."', 'As the minister put it (in Russian).', 'See the report.[4]'])(
    'does not mistake the sentence %j for a heading',
    (line) => {
      const doc = parsePlainTextDocument(`Title\n\nLead.\n\n\n${line}\n\nBody.`);
      expect(doc.sections[0]?.heading).toBeNull();
      expect(paragraphText(doc, 2)).toBe(line);
    },
  );

  it('does not take a long single line without a full stop for a heading', () => {
    const line = 'word '.repeat(30).trim();
    const doc = parsePlainTextDocument(`Title\n\nLead.\n\n\n${line}\n\nBody.`);
    expect(doc.sections[0]?.heading).toBeNull();
    expect(paragraphText(doc, 2)).toBe(line);
  });

  it('keeps an untitled section after three blank lines, without a heading', () => {
    const doc = parsePlainTextDocument('Title\n\nLead.\n\n\nFirst heading\n\nOne.\n\n\n\nThe untitled part begins here.\n\nTwo.');
    expect(doc.sections.map((s) => s.heading)).toEqual(['First heading', null]);
    expect(doc.sections[1]?.slug).toBe('section-2');
    expect(doc.paragraphs.map((p) => p.sectionOrdinal)).toEqual([null, 1, 2, 2]);
  });

  it('treats one blank line as a paragraph break and two or more as a section break', () => {
    const doc = parsePlainTextDocument('Title\n\nA.\n\nB.\n\n\nC.\n\n\n\n\nD.');
    expect(doc.paragraphs.map((p) => p.sectionOrdinal)).toEqual([null, null, 1, 2]);
  });

  it('counts lines holding only spaces, tabs or no-break spaces as blank', () => {
    const doc = parsePlainTextDocument('Title\n \t\nA.\n\u00a0\n  \nHeading\n\t\nB.');
    expect(doc.sections[0]?.heading).toBe('Heading');
    expect(doc.paragraphs.map((p) => slice(doc, p))).toEqual(['A.', 'B.']);
  });

  it('has no lead when the title is followed directly by a section break', () => {
    const doc = parsePlainTextDocument('Title\n\n\nHeading\n\nBody.');
    expect(doc.paragraphs).toEqual([{ ordinal: 1, start: 17, end: 22, sectionOrdinal: 1 }]);
    expect(doc.sections[0]?.heading).toBe('Heading');
  });

  it('ignores blank lines before the title and after the last paragraph', () => {
    const doc = parsePlainTextDocument('\n  \nTitle\n\nBody.\n\n\n\n');
    expect(doc.title).toBe('Title');
    expect(doc.sections).toEqual([]);
    expect(doc.paragraphs).toEqual([{ ordinal: 1, start: 11, end: 16, sectionOrdinal: null }]);
  });

  it('puts lines written directly under the title into the lead', () => {
    const doc = parsePlainTextDocument('Title\nsubtitle line.\n\nBody.');
    expect(doc.title).toBe('Title');
    expect(doc.paragraphs.map((p) => slice(doc, p))).toEqual(['subtitle line.', 'Body.']);
  });

  it('keeps a heading with nothing under it as an empty section ending at the heading', () => {
    const doc = parsePlainTextDocument('Title\n\nLead.\n\n\nPart one\n\n\nChapter 1\n\nBody.');
    expect(doc.sections).toMatchObject([
      { heading: 'Part one', start: 15, end: 23 },
      { heading: 'Chapter 1', start: 26, end: 42 },
    ]);
    expect(doc.paragraphs.map((p) => p.sectionOrdinal)).toEqual([null, 2]);
  });

  it('numbers paragraphs across the whole document, not per section', () => {
    const doc = parsePlainTextDocument('T\n\nA.\n\n\nH1\n\nB.\n\nC.\n\n\nH2\n\nD.');
    expect(doc.paragraphs.map((p) => [p.ordinal, p.sectionOrdinal])).toEqual([
      [1, null],
      [2, 1],
      [3, 1],
      [4, 2],
    ]);
  });
});

describe('section addresses (slugs)', () => {
  const slugsOf = (...headings: string[]) =>
    parsePlainTextDocument(['Title', 'Lead.', ...headings.map((h) => `\n${h}\n\nBody.`)].join('\n\n')).sections.map((s) => s.slug);

  it('folds accents and punctuation into lowercase ASCII words', () => {
    expect(slugsOf('Évolution & Ökonomie – Łódź, 2017', 'Straße der Æsir')).toEqual([
      'evolution-okonomie-lodz-2017',
      'strasse-der-aesir',
    ]);
  });

  it('gives repeated headings distinct addresses', () => {
    expect(slugsOf('Notes', 'Notes', 'Notes')).toEqual(['notes', 'notes-2', 'notes-3']);
  });

  it('falls back to section-N when the heading has no Latin letters or digits', () => {
    expect(slugsOf('Сирия', '叙利亚')).toEqual(['section-1', 'section-2']);
  });

  it('shortens a long heading at a word boundary', () => {
    const [slug] = slugsOf('An unusually long heading that keeps going well past any sensible address length');
    expect(slug).toBe('an-unusually-long-heading-that-keeps-going-well-past-any');
    expect(slug?.length).toBeLessThanOrEqual(60);
  });
});

describe('footnote markers', () => {
  it('finds markers after a word, after a space, back to back and at the end of a paragraph', () => {
    const doc = parsePlainTextDocument('T\n\nword[1], then (IS) [22] and [3][4]\n\nlast[999]');
    expect(doc.footnoteMarkers.map((m) => [m.number, m.paragraphOrdinal])).toEqual([
      [1, 1],
      [22, 1],
      [3, 1],
      [4, 1],
      [999, 2],
    ]);
    expect(doc.paragraphs[1]?.end).toBe(doc.footnoteMarkers[4]?.end);
  });

  it('does not take [0], [01], [1000] or [a] for footnote markers', () => {
    const doc = parsePlainTextDocument('T\n\nArray[0] and [01] and [1000] and [a] and [ 5].');
    expect(doc.footnoteMarkers).toEqual([]);
  });

  it('reports repeated numbers where they occur rather than dropping them', () => {
    const doc = parsePlainTextDocument('T\n\nA[2] B[1] C[2].');
    expect(doc.footnoteMarkers.map((m) => m.number)).toEqual([2, 1, 2]);
  });
});

describe('documents that cannot be imported', () => {
  it.each(['', '   ', '\n\n\t\n', '\uFEFF\r\n'])('refuses an empty document (%j)', (raw) => {
    expect(parseError(raw).message).toMatch(/empty/);
  });

  it('refuses a title with no paragraphs', () => {
    expect(parseError('Just a title\n\n').message).toMatch(/"Just a title" has no paragraphs/);
    expect(parseError('Just a title\n\n\nA heading\n').message).toMatch(/no paragraphs/);
  });

  it('refuses a footnote marker in a heading, naming the line and the marker', () => {
    const error = parseError('Title\n\nLead.\n\n\nSyria – a game changer[3]\n\nBody.');
    expect(error).toBeInstanceOf(DocumentFormatError);
    expect(error.name).toBe('DocumentFormatError');
    expect(error.message).toMatch(/Line 6 .*heading.*\[3\]/);
  });

  it('refuses a footnote marker in the title', () => {
    expect(parseError('Title[1]\n\nBody.').message).toMatch(/title .*\[1\]/);
  });
});

describe('large documents', () => {
  it('imports a one-megabyte document with every marker of every repeated section', () => {
    const body = seedRaw.slice(seedRaw.indexOf('\n\n\n'));
    const copies = Math.ceil(1_000_000 / body.length);
    const doc = parsePlainTextDocument(seedRaw + body.repeat(copies));
    const markersPerCopy = (body.match(/\[\d+\]/g) ?? []).length;
    expect(doc.footnoteMarkers).toHaveLength(40 + markersPerCopy * copies);
  });
});

// ---- Generated documents -------------------------------------------------------------------

type Token = { text: string; markers: number[] };
type GeneratedParagraph = { lines: string[]; markers: number[] };
type GeneratedSection = { heading: string | null; paragraphs: GeneratedParagraph[] };
type GeneratedDocument = {
  title: string;
  lead: GeneratedParagraph[];
  sections: GeneratedSection[];
  sectionBreaks: number[];
  blankLineFill: string[];
  lineEnds: string[];
  isOldMac: boolean;
  leadingBlankLines: number;
  trailingBlankLines: number;
};

const word = fc.constantFrom('word', 'Uzbek', 'café', 'cafe\u0301', 'naïve', '😀', '𝒜𝒷', '漢字', '(IS)', '2017', '–', '«x»', 'IMU’s');
const headingWord = fc.constantFrom('Syria', 'game', 'Évolution', 'e\u0301te\u0301', '漢字', 'IMU', '2017');
const markerNumber = fc.integer({ min: 1, max: 999 });
const token: fc.Arbitrary<Token> = fc.oneof(
  { weight: 6, arbitrary: word.map((text) => ({ text, markers: [] })) },
  { weight: 1, arbitrary: fc.tuple(word, markerNumber).map(([w, n]) => ({ text: `${w}[${n}]`, markers: [n] })) },
  { weight: 1, arbitrary: markerNumber.map((n) => ({ text: `[${n}]`, markers: [n] })) },
);
const indent = fc.constantFrom('', '', ' ', '\t', '\u00a0');
const trailing = fc.constantFrom('', '', ' ', '\u00a0 ');

// `isSentence`: the paragraph ends in a full stop (optionally followed by a marker), so it can open an
// untitled section without being taken for a heading.
const paragraph = (isSentence: boolean): fc.Arbitrary<GeneratedParagraph> =>
  fc
    .record({
      lines: fc.array(fc.tuple(indent, fc.array(token, { minLength: 1, maxLength: 8 }), trailing), { minLength: 1, maxLength: 3 }),
      ending: isSentence ? fc.constantFrom('.', '.') : fc.constantFrom('.', '!', ''),
      endMarker: fc.option(markerNumber, { nil: null }),
    })
    .map(({ lines, ending, endMarker }) => {
      const markers = lines.flatMap(([, tokens]) => tokens.flatMap((t) => t.markers));
      const texts = lines.map(([before, tokens, after], i) => {
        const isLast = i === lines.length - 1;
        const suffix = isLast ? `${ending}${endMarker === null ? '' : `[${endMarker}]`}` : '';
        return `${before}${tokens.map((t) => t.text).join(' ')}${suffix}${after}`;
      });
      return { lines: texts, markers: endMarker === null ? markers : [...markers, endMarker] };
    });

const section: fc.Arbitrary<GeneratedSection> = fc.oneof(
  fc.record({
    heading: fc
      .tuple(headingWord, fc.array(fc.oneof(word, headingWord), { maxLength: 5 }))
      .map(([first, rest]) => [first, ...rest].join(' ')),
    paragraphs: fc.array(paragraph(false), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    heading: fc.constant(null),
    paragraphs: fc.tuple(paragraph(true), fc.array(paragraph(false), { maxLength: 2 })).map(([first, rest]) => [first, ...rest]),
  }),
);

const generatedDocument: fc.Arbitrary<GeneratedDocument> = fc
  .record({
    title: fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' ')),
    lead: fc.array(paragraph(false), { maxLength: 2 }),
    sections: fc.array(section, { maxLength: 4 }),
    sectionBreaks: fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 5, maxLength: 5 }),
    blankLineFill: fc.array(fc.constantFrom('', '', ' ', '\t', '\u00a0'), { minLength: 1, maxLength: 7 }),
    lineEnds: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 1, maxLength: 7 }),
    isOldMac: fc.boolean(),
    leadingBlankLines: fc.integer({ min: 0, max: 2 }),
    trailingBlankLines: fc.integer({ min: 0, max: 3 }),
  })
  .filter((d) => d.lead.length + d.sections.length > 0);

// Writes the generated document out as plain text, varying blank-line content and line ends.
function render(d: GeneratedDocument): string {
  const lines: string[] = [];
  let blankCount = 0;
  const blanks = (n: number) => {
    for (let i = 0; i < n; i++) lines.push(d.blankLineFill[blankCount++ % d.blankLineFill.length] ?? '');
  };
  blanks(d.leadingBlankLines);
  lines.push(d.title);
  d.lead.forEach((p) => {
    blanks(1);
    lines.push(...p.lines);
  });
  d.sections.forEach((s, i) => {
    blanks(d.sectionBreaks[i % d.sectionBreaks.length] ?? 2);
    if (s.heading !== null) {
      lines.push(s.heading);
      blanks(1);
    }
    s.paragraphs.forEach((p, j) => {
      if (j > 0) blanks(1);
      lines.push(...p.lines);
    });
  });
  blanks(d.trailingBlankLines);
  // A lone CR followed by LF would read as one line end, so old-Mac documents use CR throughout.
  return lines.map((line, i) => line + (d.isOldMac ? '\r' : (d.lineEnds[i % d.lineEnds.length] ?? '\n'))).join('');
}

describe('generated documents', () => {
  it('are read back into the paragraphs, headings and markers they were written with', () => {
    fc.assert(
      fc.property(generatedDocument, (d) => {
        const doc = parsePlainTextDocument(render(d));
        expectConsistent(doc);

        expect(doc.title).toBe(normalizeText(d.title));
        expect(doc.sections.map((s) => s.heading)).toEqual(d.sections.map((s) => (s.heading === null ? null : normalizeText(s.heading))));

        const expected = [
          ...d.lead.map((p) => ({ p, sectionOrdinal: null as number | null })),
          ...d.sections.flatMap((s, i) => s.paragraphs.map((p) => ({ p, sectionOrdinal: i + 1 }))),
        ];
        expect(doc.paragraphs.map((p) => [slice(doc, p), p.sectionOrdinal])).toEqual(
          expected.map(({ p, sectionOrdinal }) => [normalizeText(p.lines.join('\n')).trim(), sectionOrdinal]),
        );
        expect(doc.footnoteMarkers.map((m) => [m.number, m.paragraphOrdinal])).toEqual(
          expected.flatMap(({ p }, i) => p.markers.map((n) => [n, i + 1])),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('read the same from their own stored text, and the same every time', () => {
    fc.assert(
      fc.property(generatedDocument, (d) => {
        const raw = render(d);
        const doc = parsePlainTextDocument(raw);
        expect(parsePlainTextDocument(raw)).toEqual(doc);
        expect(parsePlainTextDocument(doc.text)).toEqual(doc);
      }),
      { numRuns: 100 },
    );
  });

  it('either import consistently or fail with a readable format error, whatever the text', () => {
    const unit = fc.constantFrom('a', 'Word', ' ', '\u00a0', '\n', '\n', '\r\n', '\r', '.', '?', '[', ']', '[7]', '[0]', '1', '😀', 'e\u0301', '\uD800', '\uFEFF');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), (raw) => {
        let doc: ParsedDocument;
        try {
          doc = parsePlainTextDocument(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(DocumentFormatError);
          return;
        }
        expectConsistent(doc);
        expect(parsePlainTextDocument(doc.text)).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });
});
