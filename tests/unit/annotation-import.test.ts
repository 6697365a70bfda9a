import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectAnnotationFormat,
  importedDates,
  importKeyOf,
  importKeyOfParent,
  marginaliaAnnotationIdOf,
  originalCreatorLabel,
  parseAnnotationFile,
  sectionSlugOfIri,
} from '@/lib/domain/annotation-import';
import { ANNOTATION_CONTEXT } from '@/lib/domain/web-annotation';

const hypothesisFile: { total: number; rows: Array<Record<string, unknown>> } = JSON.parse(readFileSync(new URL('../fixtures/hypothesis-export.json', import.meta.url), 'utf8'));
const w3c = { '@context': ANNOTATION_CONTEXT, id: 'https://x.example/api/annotations/1', type: 'Annotation', target: { source: 'https://x.example/d', selector: { type: 'TextQuoteSelector', exact: 'IMU' } } };

describe('detectAnnotationFormat', () => {
  it('recognises every W3C shape: one annotation, a list, a collection, a page', () => {
    expect(detectAnnotationFormat(w3c)).toBe('w3c');
    expect(detectAnnotationFormat([w3c])).toBe('w3c');
    expect(detectAnnotationFormat({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', total: 0 })).toBe('w3c');
    expect(detectAnnotationFormat({ type: 'AnnotationPage', items: [] })).toBe('w3c');
  });

  it('recognises every Hypothesis shape: search result, client export, a list, one annotation', () => {
    expect(detectAnnotationFormat(hypothesisFile)).toBe('hypothesis');
    expect(detectAnnotationFormat({ export_date: '2024-12-09T07:17:52.000Z', annotations: [] })).toBe('hypothesis');
    expect(detectAnnotationFormat(hypothesisFile.rows)).toBe('hypothesis');
    expect(detectAnnotationFormat(hypothesisFile.rows[0])).toBe('hypothesis');
  });

  it('answers null for JSON that is neither', () => {
    for (const value of [null, 'text', 3, [], [1, 2], { hello: 'world' }, [{ id: 'x' }]]) expect(detectAnnotationFormat(value)).toBeNull();
  });
});

describe('parseAnnotationFile', () => {
  it('reads one Hypothesis annotation on its own as a list of one', () => {
    expect(parseAnnotationFile(hypothesisFile.rows[6], 'hypothesis').annotations).toHaveLength(1);
  });

  it('does not mistake a W3C collection for a Hypothesis annotation when told the format', () => {
    const result = parseAnnotationFile({ '@context': ANNOTATION_CONTEXT, type: 'AnnotationCollection', first: { items: [w3c] } }, 'hypothesis');
    expect(result.annotations).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/^This is not a Hypothesis export/);
  });
});

describe('import keys', () => {
  it('remembers Hypothesis annotations by their hypothes.is address and W3C ones by their id, and replies look parents up the same way', () => {
    const [reply] = parseAnnotationFile([hypothesisFile.rows[2]], 'hypothesis').annotations;
    expect(importKeyOf(reply!, 'hypothesis')).toBe('https://hypothes.is/a/dR4wXk7HEee9bV3yqL6mJA');
    expect(importKeyOfParent(reply!, 'hypothesis')).toBe('https://hypothes.is/a/Xk2fRu7EEeeLbq8tXm1Qyw');
    expect(importKeyOf({ externalId: 'https://x.example/api/annotations/1' }, 'w3c')).toBe('https://x.example/api/annotations/1');
    expect(importKeyOf({ externalId: null }, 'w3c')).toBeNull();
  });

  it('finds our own annotation ids in IRIs from any host, and nothing in other IRIs', () => {
    expect(marginaliaAnnotationIdOf('https://a.example/api/annotations/0B5A3C1E-2F4D-4E6A-8B7C-9D0E1F2A3B4C')).toBe('0b5a3c1e-2f4d-4e6a-8b7c-9d0e1f2a3b4c');
    expect(marginaliaAnnotationIdOf('https://hypothes.is/a/Xk2fRu7EEeeLbq8tXm1Qyw')).toBeNull();
    expect(marginaliaAnnotationIdOf('https://a.example/api/annotations/not-a-uuid')).toBeNull();
  });
});

describe('originalCreatorLabel', () => {
  it('shows name and account, or whichever the file gives', () => {
    expect(originalCreatorLabel({ id: 'acct:mkowalska@hypothes.is', name: 'Marta Kowalska' })).toBe('Marta Kowalska (acct:mkowalska@hypothes.is)');
    expect(originalCreatorLabel({ id: null, name: 'Marta' })).toBe('Marta');
    expect(originalCreatorLabel({ id: 'acct:m@h.is', name: ' ' })).toBe('acct:m@h.is');
    expect(originalCreatorLabel(null)).toBeNull();
  });
});

describe('sectionSlugOfIri', () => {
  it('reads the section a fragment names, only when the document has it', () => {
    const slugs = new Set(['the-threat', 'été']);
    expect(sectionSlugOfIri('https://a.example/documents/d/versions/2#the-threat', slugs)).toBe('the-threat');
    expect(sectionSlugOfIri('https://a.example/documents/d/versions/2#%C3%A9t%C3%A9', slugs)).toBe('été');
    expect(sectionSlugOfIri('https://a.example/documents/d/versions/2#other', slugs)).toBeNull();
    expect(sectionSlugOfIri('https://a.example/documents/d/versions/2', slugs)).toBeNull();
    expect(sectionSlugOfIri('https://a.example/#%E0%A4%A', slugs)).toBeNull();
  });
});

describe('importedDates', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');

  it('keeps the original dates', () => {
    expect(importedDates('2017-04-18T09:12:44.510Z', '2017-04-18T09:15:02.118Z', now)).toEqual({ createdAt: new Date('2017-04-18T09:12:44.510Z'), updatedAt: new Date('2017-04-18T09:15:02.118Z') });
  });

  it('brings dates in the future back to now, never lets modification precede creation, and fills missing ones with now', () => {
    expect(importedDates('2030-01-01T00:00:00Z', null, now)).toEqual({ createdAt: now, updatedAt: now });
    expect(importedDates('2017-04-18T09:00:00Z', '2016-01-01T00:00:00Z', now).updatedAt).toEqual(new Date('2017-04-18T09:00:00Z'));
    expect(importedDates(null, null, now)).toEqual({ createdAt: now, updatedAt: now });
  });
});
