import { describe, expect, it } from 'vitest';
import { fromWebAnnotation, parseWebAnnotationExport } from '@/lib/domain/web-annotation-import';

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const quoteTarget = (exact: string) => ({ source: 'https://example.org/memo', selector: { type: 'TextQuoteSelector', exact } });
const annotation = (fields: Record<string, unknown>) => ({ '@context': CONTEXT, type: 'Annotation', id: 'https://example.org/anno/1', target: quoteTarget('fighters left'), ...fields });

const read = (fields: Record<string, unknown>) => {
  const result = fromWebAnnotation(annotation(fields));
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('W3C import of bodies', () => {
  it('converts a text/html body to Markdown, dropping scripts and styles', () => {
    const value = read({
      body: { type: 'TextualBody', format: 'text/html', value: '<p>See <strong>the report</strong>, <a href="https://example.org/r">p. 4</a>.</p><script>alert(1)</script><style>p{}</style><ul><li>one</li></ul>' },
    });
    expect(value.body).toBe('See **the report**, [p. 4](https://example.org/r).\n\n-   one');
    expect(value.body).not.toMatch(/alert|<|style/u);
  });

  it('keeps every item of a Choice, with its language, and says so', () => {
    const value = read({
      body: {
        type: 'Choice',
        items: [
          { type: 'TextualBody', value: 'Which survey?', language: 'en' },
          { type: 'TextualBody', value: 'Quelle enquête ?', language: 'fr' },
        ],
      },
    });
    expect(value.body).toBe('(en) Which survey?\n\n(fr) Quelle enquête ?');
    expect(value.warnings).toEqual([expect.stringMatching(/Choice of 2 bodies; all of them were kept/u)]);
  });
});

describe('W3C import of motivations', () => {
  it('keeps every motivation of the model: a bookmark stays a bookmark, a question a question', () => {
    expect(read({ motivation: 'bookmarking' }).motivation).toBe('bookmarking');
    expect(read({ motivation: ['questioning', 'commenting'], bodyValue: 'Why?' }).motivation).toBe('questioning');
    expect(read({ motivation: 'highlighting' }).motivation).toBe('highlighting');
    expect(read({ bodyValue: 'No motivation given' }).motivation).toBe('commenting');
    expect(read({}).motivation).toBe('highlighting');
  });
});

describe('W3C import of sets of targets', () => {
  it('imports each item of a List or Independents target as an annotation of its own', () => {
    for (const type of ['List', 'Independents']) {
      const result = parseWebAnnotationExport([annotation({ bodyValue: 'Both', target: { type, items: [quoteTarget('fighters left'), quoteTarget('lead paragraph')] } })]);
      expect(result.problems).toEqual([]);
      expect(result.annotations.map((item) => [item.externalId, item.target.kind === 'quote' ? item.target.quote.exact : null, item.body])).toEqual([
        ['https://example.org/anno/1#target-1', 'fighters left', 'Both'],
        ['https://example.org/anno/1#target-2', 'lead paragraph', 'Both'],
      ]);
      expect(result.annotations[0]?.warnings).toContain('Its target lists 2 passages; each became an annotation of its own.');
    }
  });

  it('refuses a Composite target with a message that says what it is and why', () => {
    const result = parseWebAnnotationExport([annotation({ target: { type: 'Composite', items: [quoteTarget('fighters left'), quoteTarget('lead paragraph')] } })]);
    expect(result.annotations).toEqual([]);
    expect(result.problems).toEqual([{ id: 'https://example.org/anno/1', message: expect.stringMatching(/Composite: several resources that together are what it annotates.*one passage/u) }]);
  });
});
