import { buildThreads, type ThreadItem, type ThreadNode } from '@/lib/domain/threads';

/**
 * How many threads the Annotations list shows at a time. Each card costs the page its text and markup, so a document
 * with thousands of threads lists a batch and offers the next one.
 */
export const ANNOTATION_LIST_BATCH = 25;

/** What threadTrees needs of an annotation: buildThreads' fields and the thread it belongs to (its first annotation, null for that one). */
type Grouped = ThreadItem & { rootId: string | null };

/**
 * Returns the reply trees of the threads named by `threadIds` (their first annotations' ids), in that order, built
 * from `items`, which hold every annotation of those threads (and maybe others). A thread whose first annotation is
 * missing from `items` gets a placeholder for it, as buildThreads gives any reply to a missing parent. Pure.
 */
export function threadTrees<T extends Grouped>(items: readonly T[], threadIds: readonly string[]): ThreadNode<T>[] {
  const byThread = new Map<string, T[]>();
  for (const item of items) {
    const key = item.parentId === null ? item.id : (item.rootId ?? item.id);
    const held = byThread.get(key);
    if (held) held.push(item);
    else byThread.set(key, [item]);
  }
  return threadIds.flatMap((id) => buildThreads(byThread.get(id) ?? []));
}

/** Returns the ids of every annotation in `nodes` and their replies, at any depth. */
export function idsInThreads<T>(nodes: readonly ThreadNode<T>[]): string[] {
  return nodes.flatMap((node) => [node.id, ...idsInThreads(node.children)]);
}

/**
 * Returns `nodes` with each item replaced by `replace(item)`, keeping the tree as built; an item `replace` has nothing
 * for (null) becomes a placeholder, so its replies keep their place. Pure.
 */
export function withThreadItems<T, U>(nodes: readonly ThreadNode<T>[], replace: (item: T) => U | null): ThreadNode<U>[] {
  return nodes.map((node): ThreadNode<U> => {
    const children = withThreadItems(node.children, replace);
    const item = node.isPlaceholder ? null : replace(node.item);
    return item === null ? { ...node, children, isPlaceholder: true, item: null } : { ...node, children, isPlaceholder: false, item };
  });
}

/**
 * Which placed threads the list shows, as the address asks: the first batch; `list=all`; `list=26-75` (threads 26
 * to 75, counted from 1 as the list says them); or `thread=<annotation id>`, the batch holding that annotation's thread.
 */
export type ListRequest = { kind: 'first' } | { kind: 'all' } | { kind: 'range'; first: number; last: number } | { kind: 'thread'; annotationId: string };

/** The placed threads a page lists: from index `start` up to, not including, `end`; `total` placed threads in all. */
export type ListWindow = { start: number; end: number; total: number };

/** Reads which threads to list from URL search parameters; anything malformed asks for the first batch. Pure. */
export function readListRequest(params: Record<string, string | string[] | undefined>): ListRequest {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const list = one('list');
  if (list === 'all') return { kind: 'all' };
  const range = /^(\d{1,7})-(\d{1,7})$/.exec(list);
  if (range) {
    const first = Number(range[1]);
    const last = Number(range[2]);
    if (first >= 1 && last >= first) return { kind: 'range', first, last };
  }
  const thread = one('thread');
  if (/^[\w-]{1,64}$/.test(thread)) return { kind: 'thread', annotationId: thread };
  return { kind: 'first' };
}

/**
 * Returns the threads of a list of `total` placed threads that `request` lists. `placed` names them (their first
 * annotations' ids, in the list's order; for the first batch, its threads are enough); `requestedThread` is the
 * thread holding the annotation a `thread` request names. A thread it cannot find gives the first batch. Pure.
 */
export function resolveListWindow(request: ListRequest, placed: readonly string[], requestedThread: string | null = null, total = placed.length): ListWindow {
  const batchFrom = (start: number): ListWindow => ({ start, end: Math.min(total, start + ANNOTATION_LIST_BATCH), total });
  switch (request.kind) {
    case 'all':
      return { start: 0, end: total, total };
    case 'range': {
      const start = Math.min(request.first - 1, Math.max(0, total - 1));
      return { start, end: Math.min(total, Math.max(start + 1, request.last)), total };
    }
    case 'thread': {
      const index = requestedThread === null ? -1 : placed.indexOf(requestedThread);
      return batchFrom(index === -1 ? 0 : index - (index % ANNOTATION_LIST_BATCH));
    }
    default:
      return batchFrom(0);
  }
}

/** The `list` parameter that asks for threads `start` to `end` (indexes, end excluded) of a window's list. */
export function listParameter(window: ListWindow, start: number, end: number): string {
  return start <= 0 && end >= window.total ? 'all' : `${start + 1}-${end}`;
}
