import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildThreads, countReplies, DEFAULT_MAX_THREAD_DEPTH, keepReachable, type ThreadNode } from '@/lib/domain/threads';

type Note = { id: string; parentId: string | null; createdAt: string | Date; body?: string };

// Minute `minute` of a fixed day, so creation order is easy to read in the tests.
const at = (minute: number): string => new Date(Date.UTC(2017, 3, 12, 9, minute)).toISOString();
const note = (id: string, parentId: string | null, minute: number): Note => ({ id, parentId, createdAt: at(minute) });

function shape(nodes: ThreadNode<Note>[]): unknown[] {
  return nodes.map((node) => (node.children.length ? [node.id, shape(node.children)] : node.id));
}

function allNodes<T>(nodes: ThreadNode<T>[]): ThreadNode<T>[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.children)]);
}

function find<T>(nodes: ThreadNode<T>[], id: string): ThreadNode<T> {
  const node = allNodes(nodes).find((candidate) => candidate.id === id);
  if (!node) throw new Error(`No node ${id}`);
  return node;
}

describe('buildThreads', () => {
  it('lists conversations and their replies in the order they were written, whatever order they arrive in', () => {
    const items = [note('r2', null, 5), note('a2', 'r1', 4), note('r1', null, 1), note('a1', 'r1', 2), note('b1', 'a1', 3)];
    expect(shape(buildThreads(items))).toEqual([['r1', [['a1', ['b1']], 'a2']], 'r2']);
  });

  it('accepts dates as Date objects or ISO strings alike', () => {
    const items: Note[] = [
      { id: 'late', parentId: null, createdAt: new Date(Date.UTC(2017, 3, 12, 10)) },
      { id: 'early', parentId: null, createdAt: '2017-04-12T09:00:00.000Z' },
    ];
    expect(shape(buildThreads(items))).toEqual(['early', 'late']);
  });

  it('shows replies deeper than three levels at the third level, saying whom they answer', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i, ids) => note(id, i === 0 ? null : (ids[i - 1] ?? null), i));
    const roots = buildThreads(items);
    expect(DEFAULT_MAX_THREAD_DEPTH).toBe(3);
    expect(shape(roots)).toEqual([['a', [['b', [['c', ['d', 'e', 'f']]]]]]]);
    expect(find(roots, 'd')).toMatchObject({ depth: 3, replyToId: 'c', isFlattened: false });
    expect(find(roots, 'e')).toMatchObject({ depth: 3, replyToId: 'd', isFlattened: true });
    expect(find(roots, 'f')).toMatchObject({ depth: 3, replyToId: 'e', isFlattened: true });
  });

  it('interleaves flattened replies with their new siblings by time', () => {
    const items = [note('a', null, 0), note('b', 'a', 1), note('c', 'b', 2), note('deep', 'c', 3), note('late', 'b', 9), note('deeper', 'deep', 5)];
    expect(shape(buildThreads(items, { maxDepth: 2 }))).toEqual([['a', [['b', ['c', 'deep', 'deeper', 'late']]]]]);
  });

  it('can show every reply at one level under its conversation', () => {
    const items = [note('a', null, 0), note('b', 'a', 1), note('c', 'b', 2), note('d', 'c', 3)];
    const roots = buildThreads(items, { maxDepth: 1 });
    expect(shape(roots)).toEqual([['a', ['b', 'c', 'd']]]);
    expect(allNodes(roots).map((node) => node.depth)).toEqual([0, 1, 1, 1]);
  });

  it('keeps replies to a deleted annotation reachable under one placeholder', () => {
    const items = [note('r1', null, 0), note('x', 'deleted', 2), note('y', 'deleted', 3), note('z', 'y', 4), note('r2', null, 5)];
    const roots = buildThreads(items);
    expect(shape(roots)).toEqual(['r1', ['deleted', ['x', ['y', ['z']]]], 'r2']);
    const placeholder = find(roots, 'deleted');
    expect(placeholder).toMatchObject({ isPlaceholder: true, item: null, depth: 0 });
    expect(find(roots, 'x')).toMatchObject({ isPlaceholder: false, depth: 1, replyToId: 'deleted', isFlattened: false });
    expect(countReplies(placeholder)).toBe(3);
  });

  it('gives each missing parent its own placeholder', () => {
    const roots = buildThreads([note('x', 'gone-1', 1), note('y', 'gone-2', 0)]);
    expect(shape(roots)).toEqual([['gone-2', ['y']], ['gone-1', ['x']]]);
    expect(roots.every((root) => root.isPlaceholder)).toBe(true);
  });

  it('still shows every reply when corrupt data makes replies answer each other in a loop', () => {
    const items = [note('a', 'b', 0), note('b', 'a', 1), note('self', 'self', 2), note('c', 'a', 3)];
    const ids = allNodes(buildThreads(items)).map((node) => node.id).sort();
    expect(ids).toEqual(['a', 'b', 'c', 'self']);
  });

  it('handles a reply chain thousands deep without running out of stack', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => note(`n${i}`, i === 0 ? null : `n${i - 1}`, i));
    const [root] = buildThreads(items.reverse());
    if (!root) throw new Error('Expected one conversation');
    expect(countReplies(root)).toBe(19_999);
  });

  it('shows every item exactly once, no deeper than allowed, in order of creation, next to its parent unless flattened', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
    const items = fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...ids),
        parentId: fc.option(fc.constantFrom(...ids, 'missing-1', 'missing-2'), { freq: 4 }),
        minute: fc.nat({ max: 50 }),
      }),
      { selector: (item) => item.id, maxLength: ids.length },
    );
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 5 }), (raw, maxDepth) => {
        const input = raw.map(({ id, parentId, minute }) => note(id, parentId, minute));
        const roots = buildThreads(input, { maxDepth });
        const nodes = allNodes(roots);
        const real = nodes.filter((node) => !node.isPlaceholder);
        expect(real.map((node) => node.id).sort()).toEqual(input.map((item) => item.id).sort());
        const byId = new Map(input.map((item) => [item.id, item]));
        const visit = (node: ThreadNode<Note>, depth: number, parentId: string | null): void => {
          expect(node.depth).toBe(depth);
          expect(depth).toBeLessThanOrEqual(maxDepth);
          if (!node.isPlaceholder) {
            expect(node.replyToId).toBe(node.item.parentId);
            if (parentId !== null && !node.isFlattened) expect(node.replyToId).toBe(parentId);
            if (node.isFlattened) expect(depth).toBe(maxDepth);
          } else {
            expect(byId.has(node.id)).toBe(false);
          }
          const times = node.children.map((child) => (child.isPlaceholder ? Number.NEGATIVE_INFINITY : Date.parse(String(child.item.createdAt))));
          expect(times).toEqual([...times].sort((x, y) => x - y));
          for (const child of node.children) visit(child, depth + 1, node.id);
        };
        for (const root of roots) visit(root, 0, null);
      }),
      { numRuns: 300 },
    );
  });
});

describe('countReplies', () => {
  it('counts every reply below an annotation, at any depth', () => {
    const items = [note('a', null, 0), note('b', 'a', 1), note('c', 'b', 2), note('d', 'c', 3), note('e', 'd', 4), note('f', 'a', 5)];
    const [root] = buildThreads(items);
    if (!root) throw new Error('Expected one conversation');
    expect(countReplies(root)).toBe(5);
    expect(countReplies(find([root], 'b'))).toBe(3);
    expect(countReplies(find([root], 'c'))).toBe(2);
    expect(countReplies(find([root], 'f'))).toBe(0);
  });
});

// Items with parents among themselves, missing ones, cycles and repeated ids, written in any order.
const tangledItems = (() => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
  return fc.array(
    fc.record({
      id: fc.constantFrom(...ids),
      parentId: fc.option(fc.constantFrom(...ids, 'missing-1', 'missing-2'), { freq: 3 }),
      minute: fc.nat({ max: 20 }),
    }),
    { maxLength: 16 },
  );
})();

describe('keepReachable', () => {
  const item = (id: string, parentId: string | null, isGone = false) => ({ id, parentId, isGone });

  it('drops a deleted annotation with nothing shown below it, and keeps one a shown reply hangs from, however deep', () => {
    const items = [item('a', null, true), item('b', 'a', true), item('c', 'b'), item('d', null, true), item('e', 'd', true), item('f', null)];
    expect(keepReachable(items).map((kept) => kept.id)).toEqual(['a', 'b', 'c', 'f']);
  });

  it('keeps exactly the shown items and the gone ones with a shown descendant, in their order, cycles included', () => {
    fc.assert(
      fc.property(tangledItems, fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }), (raw, gone) => {
        const items = [...new Map(raw.map(({ id, parentId }, index) => [id, item(id, parentId, gone[index] ?? false)])).values()];
        const byId = new Map(items.map((entry) => [entry.id, entry]));
        const hasShownBelow = (id: string) => items.some((candidate) => {
          if (candidate.isGone) return false;
          const seen = new Set<string>();
          for (let at: typeof candidate | undefined = candidate; at && !seen.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) {
            if (at.id === id) return true;
            seen.add(at.id);
          }
          return false;
        });
        expect(keepReachable(items)).toEqual(items.filter((entry) => !entry.isGone || hasShownBelow(entry.id)));
      }),
      { numRuns: 300 },
    );
  });
});
