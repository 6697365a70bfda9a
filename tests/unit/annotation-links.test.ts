import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterSearchParams, readAnnotationFilter } from '@/lib/domain/annotation-filter';
import { LINK_KINDS, linkKindOfName, linkPhrase, shortenAtWord, type LinkKind } from '@/lib/domain/annotation-links';
import { fromLinkingAnnotation, splitLinkingAnnotations, toLinkingAnnotation } from '@/lib/domain/annotation-links-w3c';
import { canDeleteLink, canLinkAnnotations, canSeeLink, type LinkEndFacts, type Role } from '@/lib/domain/permissions';
import { renderReportHtml } from '@/lib/domain/verification-report';
import { checkWebAnnotationMusts } from '@/tests/helpers/web-annotation-checker';

const IRI = (id: string) => `https://marginalia.example/api/annotations/${id}`;
const A = '2f1c1f0e-7f0a-4c43-9f3a-1b2c3d4e5f60';
const B = '3f1c1f0e-7f0a-4c43-9f3a-1b2c3d4e5f61';

const linking = (kind: LinkKind, reason: string | null = null) =>
  toLinkingAnnotation({ id: '4f1c1f0e-7f0a-4c43-9f3a-1b2c3d4e5f62', kind, reason, fromIri: IRI(A), toIri: IRI(B), creator: { id: 'https://marginalia.example/users/1', name: 'Ana' }, created: '2026-12-03T10:00:00Z', visibility: 'workspace' });

const comment = (id: string) => ({ '@context': 'http://www.w3.org/ns/anno.jsonld', id: IRI(id), type: 'Annotation', motivation: 'commenting', target: 'https://marginalia.example/documents/memo/versions/1' });

describe('link kinds', () => {
  it('reads a kind however a person or a file spells it, and refuses anything else', () => {
    for (const name of ['same claim as', 'Same Claim As', 'same-claim-as', 'SAME_CLAIM_AS']) expect(linkKindOfName(name)).toBe('SAME_CLAIM_AS');
    expect(linkKindOfName('refutes')).toBeNull();
    expect(linkKindOfName('')).toBeNull();
  });

  it('shortens the other side’s quote at the end of a word', () => {
    expect(shortenAtWord('have so far not generated additional threats to the region', 48)).toBe('have so far not generated additional threats to…');
    expect(shortenAtWord('short enough', 48)).toBe('short enough');
    expect(shortenAtWord('x'.repeat(60), 10)).toBe(`${'x'.repeat(10)}…`);
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 50 }), (text, max) => {
        expect([...shortenAtWord(text, max)].length).toBeLessThanOrEqual(max + 1);
      }),
    );
  });

  it('reads from either card: the one the link starts at and the one it points to', () => {
    expect(linkPhrase('SUPPORTS', 'from')).toBe('Supports');
    expect(linkPhrase('SUPPORTS', 'to')).toBe('Supported by');
    expect(linkPhrase('ANSWERS', 'to')).toBe('Answered by');
    expect(linkPhrase('SAME_CLAIM_AS', 'to')).toBe('Same claim as');
  });
});

describe('links in W3C JSON-LD', () => {
  it('go out as valid linking annotations targeting both IRIs, with the kind as a tagging body', () => {
    const annotation = linking('CONTRADICTS', 'Other figures');
    expect(annotation).toMatchObject({ motivation: 'linking', target: [IRI(A), IRI(B)], body: [{ type: 'TextualBody', value: 'contradicts', purpose: 'tagging' }, { value: 'Other figures', purpose: 'describing' }] });
    expect(checkWebAnnotationMusts(annotation)).toEqual([]);
  });

  it('come back with the same kind, ends and reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINK_KINDS), fc.option(fc.string({ minLength: 1, maxLength: 80 }).filter((text) => text.trim() === text && text !== '')), (kind, reason) => {
        const read = fromLinkingAnnotation(JSON.parse(JSON.stringify(linking(kind, reason))));
        expect(read).toEqual({ ok: true, link: { externalId: expect.any(String), kind, fromIri: IRI(A), toIri: IRI(B), reason } });
      }),
    );
  });

  it('are taken out of every page of a collection, leaving the other annotations and the file itself untouched', () => {
    const file = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      first: { type: 'AnnotationPage', items: [comment(A), linking('SUPPORTS')], next: { type: 'AnnotationPage', items: [linking('ANSWERS'), comment(B)] } },
    };
    const copy = JSON.parse(JSON.stringify(file)) as unknown;
    const split = splitLinkingAnnotations(file);
    expect(split.links.map((link) => link.kind)).toEqual(['SUPPORTS', 'ANSWERS']);
    expect(split.rest).toMatchObject({ first: { items: [comment(A)], next: { items: [comment(B)] } } });
    expect(file).toEqual(copy);
    expect(splitLinkingAnnotations([linking('CONTRADICTS'), comment(A)]).rest).toEqual([comment(A)]);
    expect(splitLinkingAnnotations(linking('CONTRADICTS'))).toMatchObject({ rest: [], links: [{ kind: 'CONTRADICTS' }] });
  });

  it('leave out, with a warning, a linking annotation without a known kind or two targets', () => {
    const untyped = { ...linking('SUPPORTS'), body: [{ type: 'TextualBody', value: 'refutes', purpose: 'tagging' }] };
    const oneSided = { ...linking('SUPPORTS'), target: IRI(A) };
    const split = splitLinkingAnnotations([untyped, oneSided]);
    expect(split.links).toEqual([]);
    expect(split.warnings).toHaveLength(2);
    expect(split.warnings[0]).toContain('names no link type');
    expect(split.warnings[1]).toContain('exactly two annotations');
  });
});

describe('who sees and makes links', () => {
  const end = (authorId: string, visibility: 'PRIVATE' | 'WORKSPACE', extra: Partial<LinkEndFacts> = {}): LinkEndFacts => ({ authorId, visibility, isDeleted: false, isHidden: false, document: { isPublic: false }, ...extra });
  const as = (userId: string | null, role: Role | null) => ({ userId, role });

  it('never shows a link with another member’s private note at one end', () => {
    fc.assert(
      fc.property(fc.constantFrom<Role | null>('OWNER', 'EDITOR', 'COMMENTER', 'VIEWER', null), fc.constantFrom<'PRIVATE' | 'WORKSPACE'>('PRIVATE', 'WORKSPACE'), (role, visibility) => {
        const standing = as('me', role);
        expect(canSeeLink(standing, end('someone', 'PRIVATE'), end('me', visibility))).toBe(false);
        expect(canLinkAnnotations(standing, end('me', visibility), end('someone', 'PRIVATE'))).toBe(false);
      }),
    );
  });

  it('asks commenters for a link between shared annotations, and nothing more for one’s own private note', () => {
    expect(canLinkAnnotations(as('me', 'VIEWER'), end('a', 'WORKSPACE'), end('b', 'WORKSPACE'))).toBe(false);
    expect(canLinkAnnotations(as('me', 'COMMENTER'), end('a', 'WORKSPACE'), end('b', 'WORKSPACE'))).toBe(true);
    expect(canLinkAnnotations(as('me', 'VIEWER'), end('me', 'PRIVATE'), end('b', 'WORKSPACE'))).toBe(true);
    expect(canLinkAnnotations(as(null, null), end('a', 'WORKSPACE', { document: { isPublic: true } }), end('b', 'WORKSPACE', { document: { isPublic: true } }))).toBe(false);
    expect(canSeeLink(as('me', 'OWNER'), end('a', 'WORKSPACE', { isHidden: true }), end('b', 'WORKSPACE'))).toBe(false);
  });

  it('lets its maker remove a link, and editors a shared one', () => {
    const shared = [end('a', 'WORKSPACE'), end('b', 'WORKSPACE')] as const;
    expect(canDeleteLink(as('maker', 'COMMENTER'), { createdById: 'maker' }, ...shared)).toBe(true);
    expect(canDeleteLink(as('other', 'COMMENTER'), { createdById: 'maker' }, ...shared)).toBe(false);
    expect(canDeleteLink(as('other', 'EDITOR'), { createdById: 'maker' }, ...shared)).toBe(true);
    expect(canDeleteLink(as('other', 'EDITOR'), { createdById: 'maker' }, end('maker', 'PRIVATE'), end('b', 'WORKSPACE'))).toBe(false);
  });
});

describe('the reader’s link filter', () => {
  it('writes the kind in the address as it reads it', () => {
    expect(filterSearchParams(readAnnotationFilter({ link: 'same-claim-as' }))).toEqual({ link: 'same-claim-as' });
    expect(filterSearchParams(readAnnotationFilter({ link: 'ANY' }))).toEqual({ link: 'any' });
  });
});

describe('linked annotations in the verification report', () => {
  it('lists them under their note, every word escaped', () => {
    const html = renderReportHtml({
      title: 'Memo',
      versionNumber: 1,
      generatedAt: 'now',
      generatedBy: 'Ana',
      generator: 'Marginalia',
      coverage: [],
      uncitedSentences: [],
      notes: [
        {
          number: 2,
          status: 'Traced',
          assignee: null,
          citingSentences: [{ text: 'About 4,000 fighters left.', page: null }],
          sources: [],
          history: [],
          linked: [{ relation: 'Contradicts', quote: 'fewer than 900', documentTitle: 'Returns <b>memo</b>', author: 'Bob', reason: '<script>alert(1)</script>' }],
        },
      ],
    });
    expect(html).toContain('Linked annotations');
    expect(html).toContain('Contradicts: “fewer than 900” (Bob, in Returns &lt;b&gt;memo&lt;/b&gt;). Why: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});
