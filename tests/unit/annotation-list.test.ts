import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIST_BATCH, listAnnotationThreads, listParameter, readListRequest, resolveListWindow, threadTrees } from '@/lib/domain/annotation-list';
import { buildThreads } from '@/lib/domain/threads';

type Item = { id: string; parentId: string | null; createdAt: string; target: 'quote' | 'section'; anchor: { status: string; start: number | null } };

const at = (minute: number) => new Date(Date.UTC(2017, 3, 12, 9, minute)).toISOString();
const quote = (id: string, start: number | null, minute: number, status = 'exact'): Item => ({ id, parentId: null, createdAt: at(minute), target: 'quote', anchor: { status, start } });
const reply = (id: string, parentId: string, minute: number): Item => ({ id, parentId, createdAt: at(minute), target: 'quote', anchor: { status: 'exact', start: null } });
const threadIds = (count: number): string[] => Array.from({ length: count }, (_, index) => `t${index}`);

describe('listing annotation threads', () => {
  it('orders placed threads by where they start, puts placeholders last and keeps orphans and discussions apart', () => {
    const items = [quote('late', 50, 1), quote('early', 10, 2), reply('r', 'late', 3), reply('lost', 'gone', 4), quote('orphan', null, 5, 'orphan'), { ...quote('section', null, 6), target: 'section' as const }];
    const list = listAnnotationThreads(items);
    expect(list.placed.map((thread) => thread.id)).toEqual(['early', 'late', 'gone']);
    expect(list.placed[1]?.items.map((item) => item.id)).toEqual(['late', 'r']);
    expect(list.orphans.map((thread) => thread.id)).toEqual(['orphan']);
  });

  it('builds the same trees for the threads it lists as for the whole list at once', () => {
    const items = [quote('a', 5, 1), reply('b', 'a', 2), reply('c', 'b', 3), quote('d', 1, 4), reply('e', 'd', 5), reply('f', 'missing', 6)];
    const list = listAnnotationThreads(items);
    const whole = buildThreads(items);
    expect(threadTrees(list.placed).map((node) => node.id).sort()).toEqual(whole.map((node) => node.id).sort());
    expect(threadTrees(list.placed.slice(1, 2))).toEqual(whole.filter((node) => node.id === list.placed[1]?.id));
  });
});

describe('which threads the address asks for', () => {
  it('reads the first batch, everything, a range counted from 1, or the batch of one annotation’s thread', () => {
    expect(readListRequest({})).toEqual({ kind: 'first' });
    expect(readListRequest({ list: 'all' })).toEqual({ kind: 'all' });
    expect(readListRequest({ list: '26-50' })).toEqual({ kind: 'range', first: 26, last: 50 });
    expect(readListRequest({ thread: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' })).toEqual({ kind: 'thread', annotationId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' });
  });

  it('takes anything malformed as the first batch', () => {
    for (const list of ['0-5', '9-3', '-4', '1-', 'some', '1-99999999', '1e3-2000']) expect(readListRequest({ list })).toEqual({ kind: 'first' });
    expect(readListRequest({ thread: '<script>' })).toEqual({ kind: 'first' });
  });

  it('lists the first batch, a whole range, or the aligned batch that holds a thread', () => {
    const placed = threadIds(60);
    expect(resolveListWindow({ kind: 'first' }, placed)).toEqual({ start: 0, end: ANNOTATION_LIST_BATCH, total: 60 });
    expect(resolveListWindow({ kind: 'all' }, placed)).toEqual({ start: 0, end: 60, total: 60 });
    expect(resolveListWindow({ kind: 'range', first: 26, last: 50 }, placed)).toEqual({ start: 25, end: 50, total: 60 });
    expect(resolveListWindow({ kind: 'thread', annotationId: 't52' }, placed, 't52')).toEqual({ start: 50, end: 60, total: 60 });
    expect(resolveListWindow({ kind: 'thread', annotationId: 'unknown' }, placed, null)).toEqual({ start: 0, end: ANNOTATION_LIST_BATCH, total: 60 });
  });

  it('opens the batch of the thread a reply belongs to', () => {
    const placed = [...threadIds(30), 'root'];
    expect(resolveListWindow({ kind: 'thread', annotationId: 'its-reply' }, placed, 'root')).toEqual({ start: 25, end: 31, total: 31 });
  });

  it('always lists at least one thread of a list that has any, inside the list, however the range is asked', () => {
    fc.assert(
      fc.property(fc.nat({ max: 200 }), fc.integer({ min: 1, max: 400 }), fc.nat({ max: 400 }), (total, first, extra) => {
        const window = resolveListWindow({ kind: 'range', first, last: first + extra }, threadIds(total));
        expect(window.total).toBe(total);
        expect(0 <= window.start && window.start <= window.end && window.end <= total).toBe(true);
        if (total > 0) expect(window.end - window.start).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('writes a range back as the address reads it, and the whole list as all', () => {
    const window = { start: 0, end: 25, total: 60 };
    expect(listParameter(window, 0, 50)).toBe('1-50');
    expect(listParameter(window, 25, 50)).toBe('26-50');
    expect(listParameter(window, 0, 60)).toBe('all');
    expect(readListRequest({ list: listParameter(window, 25, 50) })).toEqual({ kind: 'range', first: 26, last: 50 });
  });
});
