import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countByStatus, countTraced, findDuplicateGroups, matchesDeskFilter, nextNoteToTrace, normalizeDoi, parseDeskFilter, TRACING_STATUSES, type DeskNote } from '@/lib/domain/tracing';
import { describeTracingChange } from '@/lib/format/tracing-history';

const note = (number: number, overrides: Partial<DeskNote> = {}): DeskNote => ({ number, status: 'UNTRACED', assigneeId: null, sourceCount: 0, verifiedSourceCount: 0, ...overrides });

describe('the desk’s filters and counts', () => {
  it('keeps my notes, unassigned ones, disputed ones and those without a (verified) source', () => {
    const notes = [
      note(1, { assigneeId: 'me' }),
      note(2, { assigneeId: 'you', status: 'DISPUTED', sourceCount: 1 }),
      note(3, { sourceCount: 2, verifiedSourceCount: 1, status: 'VERIFIED' }),
    ];
    const kept = (filter: Parameters<typeof matchesDeskFilter>[1]) => notes.filter((candidate) => matchesDeskFilter(candidate, filter, 'me')).map((candidate) => candidate.number);
    expect(kept('all')).toEqual([1, 2, 3]);
    expect(kept('mine')).toEqual([1]);
    expect(kept('unassigned')).toEqual([3]);
    expect(kept('disputed')).toEqual([2]);
    expect(kept('no-source')).toEqual([1]);
    expect(kept('no-verified-source')).toEqual([1, 2]);
    expect(notes.filter((candidate) => matchesDeskFilter(candidate, 'mine', null))).toEqual([]);
    expect(parseDeskFilter('mine')).toBe('mine');
    expect(parseDeskFilter(['mine'])).toBe('all');
    expect(parseDeskFilter('<script>')).toBe('all');
  });

  it('counts traced, verified and disputed notes as traced, and every status once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRACING_STATUSES)), (statuses) => {
        const notes = statuses.map((status, index) => note(index + 1, { status }));
        const counts = countByStatus(notes);
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(notes.length);
        expect(countTraced(notes)).toBe(counts.TRACED + counts.VERIFIED + counts.DISPUTED);
      }),
    );
  });

  it('sends me to the first untraced note that is mine or nobody’s', () => {
    const notes = [note(3), note(1, { assigneeId: 'you' }), note(2, { status: 'IN_PROGRESS', assigneeId: 'me' }), note(4, { assigneeId: 'me' })];
    expect(nextNoteToTrace(notes, 'me')).toBe(3);
    expect(nextNoteToTrace(notes, 'you')).toBe(1);
    expect(nextNoteToTrace([note(1, { status: 'TRACED' })], 'me')).toBeNull();
  });
});

describe('duplicate sources', () => {
  const source = (id: string, overrides: Partial<{ title: string; issued: string | null; url: string | null; doi: string | null }> = {}) => ({ id, title: `Title ${id}`, issued: null, url: null, doi: null, ...overrides });

  it('groups by DOI, address or title and year, transitively, keeping the first of each group first', () => {
    const groups = findDuplicateGroups([
      source('a', { doi: '10.1000/X' }),
      source('b', { doi: 'https://doi.org/10.1000/x', url: 'https://example.org/p' }),
      source('c', { url: 'http://www.example.org/p/#top' }),
      source('d', { title: 'Łódź report', issued: '2016-05' }),
      source('e', { title: 'ŁÓDŹ  report!', issued: '2016' }),
      source('f', { title: 'Łódź report', issued: '2017' }),
      source('g'),
    ]);
    expect(groups.map((group) => group.map((item) => item.id))).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('reads DOIs as people write them', () => {
    expect(normalizeDoi('doi:10.1093/ia/iix123.')).toBe('10.1093/ia/iix123');
    expect(normalizeDoi('https://doi.org/10.1093/IA/IIX123')).toBe('10.1093/ia/iix123');
    expect(normalizeDoi('not a doi')).toBeNull();
  });

  it('never groups sources that share nothing', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 30 }), (ids) => {
        expect(findDuplicateGroups(ids.map((id) => source(String(id), { title: `Work ${id}`, issued: '2020', url: `https://example.org/${id}` })))).toEqual([]);
      }),
    );
  });
});

describe('history lines', () => {
  it('say what changed from what to what', () => {
    expect(describeTracingChange({ subject: 'verdict', field: null, sourceTitle: 'R', before: 'PARTIALLY_SUPPORTS', after: 'SUPPORTS' })).toBe('Verdict on “R”: Partly supports → Supports');
    expect(describeTracingChange({ subject: 'status', field: null, sourceTitle: null, before: null, after: 'IN_PROGRESS' })).toBe('Status: Untraced → In progress');
    expect(describeTracingChange({ subject: 'source', field: 'title', sourceTitle: 'New', before: 'Old', after: 'New' })).toBe('Title: “Old” → “New”');
  });
});
