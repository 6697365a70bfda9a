import { describe, expect, it } from 'vitest';
import { replyPage, repliesInOrder, withFirstReplies } from '@/lib/domain/thread-pages';
import { buildThreads } from '@/lib/domain/threads';

type Item = { id: string; parentId: string | null; createdAt: number };

// A root with a chain of `depth` replies, each answering the one before.
const chain = (depth: number): Item[] => [{ id: 'r0', parentId: null, createdAt: 0 }, ...Array.from({ length: depth }, (_, index) => ({ id: `r${index + 1}`, parentId: `r${index}`, createdAt: index + 1 }))];

describe('withFirstReplies', () => {
  it('keeps the first replies in reading order and counts the rest', () => {
    const [root] = buildThreads(chain(30));
    const cut = withFirstReplies(root!, { limit: 10 });
    expect(repliesInOrder(cut).map((node) => node.id)).toEqual(Array.from({ length: 10 }, (_, index) => `r${index + 1}`));
    expect(cut.moreReplies).toEqual({ count: 20, offset: 10 });
  });

  it('reaches a later reply a permalink names, with every reply above it', () => {
    const [root] = buildThreads(chain(30));
    const cut = withFirstReplies(root!, { limit: 10, keepId: 'r25' });
    expect(repliesInOrder(cut).at(-1)?.id).toBe('r25');
    expect(cut.moreReplies).toEqual({ count: 5, offset: 25 });
  });

  it('leaves a short thread as it is', () => {
    const [root] = buildThreads(chain(4));
    expect(withFirstReplies(root!, { limit: 10 })).toBe(root);
  });

  it('keeps siblings before the replies of a later sibling', () => {
    const items: Item[] = [
      { id: 'root', parentId: null, createdAt: 0 },
      { id: 'a', parentId: 'root', createdAt: 1 },
      { id: 'b', parentId: 'root', createdAt: 2 },
      { id: 'a1', parentId: 'a', createdAt: 3 },
    ];
    const [root] = buildThreads(items);
    expect(repliesInOrder(root!).map((node) => node.id)).toEqual(['a', 'a1', 'b']);
    const cut = withFirstReplies(root!, { limit: 2 });
    expect(cut.children.map((node) => node.id)).toEqual(['a']);
    expect(cut.children[0]?.children.map((node) => node.id)).toEqual(['a1']);
    expect(cut.moreReplies).toEqual({ count: 1, offset: 2 });
  });

  it('counts only the replies a person sees', () => {
    const [root] = buildThreads(chain(12));
    expect(withFirstReplies(root!, { limit: 10, isCounted: (node) => node.id !== 'r12' }).moreReplies).toEqual({ count: 1, offset: 10 });
  });
});

describe('replyPage', () => {
  it('gives a page flat, with what is left after it', () => {
    const [root] = buildThreads(chain(6000));
    const page = replyPage(root!, 10, { limit: 50 });
    expect(page.replies.map((node) => node.id)).toEqual(Array.from({ length: 50 }, (_, index) => `r${index + 11}`));
    expect(page.replies.every((node) => node.children.length === 0)).toBe(true);
    expect(page.remaining).toBe(6000 - 60);
  });
});
