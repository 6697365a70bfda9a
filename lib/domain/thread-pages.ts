import type { ThreadNode } from './threads';

/** How many replies a thread shows before its `Show more replies` button. */
export const FIRST_REPLIES = 10;
/** How many more replies each press of `Show more replies` fetches. */
export const REPLY_PAGE = 50;

/**
 * Returns the replies of thread `root` in reading order (each reply before the replies shown under it, siblings in
 * their order), without `root` itself. Iterative, so a chain thousands deep cannot overflow the stack. Pure.
 */
export function repliesInOrder<T>(root: ThreadNode<T>): ThreadNode<T>[] {
  const order: ThreadNode<T>[] = [];
  const stack = [...root.children].reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    order.push(next);
    for (let index = next.children.length - 1; index >= 0; index--) stack.push(next.children[index]!);
  }
  return order;
}

/**
 * Cuts thread `root` to its first `limit` replies in reading order, or further, to the reply `keepId` when it sits
 * later (a permalink must open on it). The rest are counted in `moreReplies` on the returned first node, counting only
 * those `isCounted` says a person sees (not deleted ones kept as placeholders). A prefix of the reading order holds
 * every kept reply's ancestors, so the cut tree needs no placeholders. Pure.
 */
export function withFirstReplies<T>(root: ThreadNode<T>, options: { limit?: number; keepId?: string | null; isCounted?: (node: ThreadNode<T>) => boolean } = {}): ThreadNode<T> {
  const order = repliesInOrder(root);
  const limit = options.limit ?? FIRST_REPLIES;
  const keepAt = options.keepId ? order.findIndex((node) => node.id === options.keepId) : -1;
  const shown = Math.max(limit, keepAt + 1);
  if (order.length <= shown) return root;
  const kept = new Set(order.slice(0, shown).map((node) => node.id));
  const isCounted = options.isCounted ?? (() => true);
  const prune = (node: ThreadNode<T>): ThreadNode<T> => ({ ...node, children: node.children.filter((child) => kept.has(child.id)).map(prune) });
  return { ...prune(root), moreReplies: { count: order.slice(shown).filter(isCounted).length, offset: shown } };
}

/**
 * Returns replies `offset` to `offset + limit` of thread `root` in reading order, each on its own (its replies are in
 * the same list, after it), and how many counted replies are left after them. Pure.
 */
export function replyPage<T>(root: ThreadNode<T>, offset: number, options: { limit?: number; isCounted?: (node: ThreadNode<T>) => boolean } = {}): { replies: ThreadNode<T>[]; remaining: number } {
  const order = repliesInOrder(root);
  const end = offset + (options.limit ?? REPLY_PAGE);
  const isCounted = options.isCounted ?? (() => true);
  return {
    replies: order.slice(offset, end).map((node) => ({ ...node, children: [] })),
    remaining: order.slice(end).filter(isCounted).length,
  };
}
