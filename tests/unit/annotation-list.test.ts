import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_LIST_BATCH, listParameter, readListRequest, resolveListWindow, threadTrees } from '@/lib/domain/annotation-list';
import { buildThreads } from '@/lib/domain/threads';

type Item = { id: string; parentId: string | null; rootId: string | null; createdAt: string };

const at = (minute: number) => new Date(Date.UTC(2017, 3, 12, 9, minute)).toISOString();
const quote = (id: string, minute: number): Item => ({ id, parentId: null, rootId: null, createdAt: at(minute) });
const reply = (id: string, parentId: string, minute: number, rootId: string): Item => ({ id, parentId, rootId, createdAt: at(minute) });
const threadIds = (count: number): string[] => Array.from({ length: count }, (_, index) => `t${index}`);

describe('building the listed threads', () => {
  it('builds each thread asked for, in the order asked, from the annotations of many', () => {
    const items = [quote('a', 1), reply('b', 'a', 2, 'a'), reply('c', 'b', 3, 'a'), quote('d', 4), reply('e', 'd', 5, 'd'), quote('x', 7)];
    const trees = threadTrees(items, ['d', 'a']);
    expect(trees.map((node) => node.id)).toEqual(['d', 'a']);
    expect(trees[1]).toEqual(buildThreads(items.filter((item) => ['a', 'b', 'c'].includes(item.id)))[0]);
  });

  it('gives a thread whose first annotation is out of sight a placeholder, and a thread with nothing none', () => {
    const trees = threadTrees([reply('r', 'gone', 1, 'gone')], ['gone', 'absent']);
    expect(trees.map((node) => [node.id, node.isPlaceholder, node.children.map((child) => child.id)])).toEqual([['gone', true, ['r']]]);
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
