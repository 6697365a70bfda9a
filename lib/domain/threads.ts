/**
 * What buildThreads needs of an annotation or reply: its id, the id it replies to (null for a root), and when it was
 * written (an ISO string, a Date, or milliseconds since 1970).
 */
export type ThreadItem = { id: string; parentId: string | null; createdAt: string | Date | number };

/** Fields every thread node has: its id, displayed depth (0 for a root), the id it really replies to, and its children by creation. */
type ThreadNodeBase<T> = {
  id: string;
  depth: number;
  // The parent the item names, even when it is shown elsewhere (flattened) or is missing; null for a root.
  replyToId: string | null;
  // True when the node is shown under an ancestor instead of its own parent, so the UI says "in reply to …".
  isFlattened: boolean;
  children: ThreadNode<T>[];
  /** Set on a thread's first node when only its first replies are shown: how many more there are, and where they start in reading order. */
  moreReplies?: { count: number; offset: number };
};

/** A node of a reply tree: a real item, or a placeholder standing in for a deleted or hidden parent so its replies stay reachable. */
export type ThreadNode<T> = ThreadNodeBase<T> & ({ isPlaceholder: false; item: T } | { isPlaceholder: true; item: null });

/** Options for buildThreads: `maxDepth` is the deepest displayed level (root 0, its replies 1, ...). */
export type BuildThreadsOptions = { maxDepth?: number };

/** Deepest level shown by default; deeper replies are listed at this level, in order of creation. */
export const DEFAULT_MAX_THREAD_DEPTH = 3;

type Placement = { parentKey: string | null; depth: number; isPlaceholderParent: boolean };

/**
 * Builds reply trees from a flat list: roots and each node's children in order of creation, replies nested to
 * any depth but shown no deeper than `maxDepth` (deeper ones join their ancestor at `maxDepth - 1`), and replies
 * to a missing parent gathered under one placeholder per missing id. A cycle in parent ids (corrupt data) is cut
 * so every item appears exactly once; of repeated ids, the first is kept. Pure.
 */
export function buildThreads<T extends ThreadItem>(items: readonly T[], options: BuildThreadsOptions = {}): ThreadNode<T>[] {
  const maxDepth = Math.max(1, Math.floor(options.maxDepth ?? DEFAULT_MAX_THREAD_DEPTH));
  const byId = new Map<string, T>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  // Sorting thousands of items compares each many times; its date is read once, before.
  const times = new Map<string, number>();
  for (const item of byId.values()) times.set(item.id, timeOf(item));
  const timeOfNode = (node: ThreadNode<T>): number => times.get(node.id) ?? Number.POSITIVE_INFINITY;
  const ordered = [...byId.values()].sort((a, b) => compareTimes(times.get(a.id) ?? 0, times.get(b.id) ?? 0) || compareIds(a.id, b.id));

  const placements = placeAll(ordered, byId);
  const nodes = new Map<string, ThreadNode<T>>();
  for (const item of ordered) {
    nodes.set(item.id, { id: item.id, depth: 0, replyToId: item.parentId, isFlattened: false, children: [], isPlaceholder: false, item });
  }

  const roots: ThreadNode<T>[] = [];
  const placeholders = new Map<string, ThreadNode<T>>();
  // Parents come first in depth order, so each node's display parent is settled before its children attach;
  // within a depth, in order of creation.
  const byDepth: T[][] = [];
  for (const item of ordered) (byDepth[placements.get(item.id)?.depth ?? 0] ??= []).push(item);
  const displayParent = new Map<string, ThreadNode<T>>();
  for (const item of byDepth.flatMap((level) => level ?? [])) {
    const node = nodes.get(item.id);
    const placement = placements.get(item.id);
    if (!node || !placement) continue;
    if (placement.parentKey === null) {
      roots.push(node);
      continue;
    }
    let parent: ThreadNode<T> | undefined;
    if (placement.isPlaceholderParent) {
      parent = placeholders.get(placement.parentKey);
      if (!parent) {
        parent = { id: placement.parentKey, depth: 0, replyToId: null, isFlattened: false, children: [], isPlaceholder: true, item: null };
        placeholders.set(placement.parentKey, parent);
        roots.push(parent);
      }
    } else {
      const realParent = nodes.get(placement.parentKey);
      // A parent already at the deepest shown level passes its children up to where it is itself shown.
      parent = realParent && realParent.depth >= maxDepth ? displayParent.get(realParent.id) : realParent;
    }
    if (!parent) {
      // Unreachable by construction; a root is better than a reply that silently disappears.
      roots.push(node);
      continue;
    }
    node.depth = parent.depth + 1;
    node.isFlattened = parent.id !== placement.parentKey;
    displayParent.set(node.id, parent);
    parent.children.push(node);
  }

  // Flattened replies join their new siblings and placeholders join the roots out of order; sort every level.
  const placeholderTimes = new Map<ThreadNode<T>, number>();
  for (const placeholder of placeholders.values()) {
    // A placeholder has no date of its own; it sits where its first reply would.
    placeholder.children.sort((a, b) => compareNodes(a, b, timeOfNode));
    const first = placeholder.children[0];
    placeholderTimes.set(placeholder, first && !first.isPlaceholder ? timeOfNode(first) : Number.POSITIVE_INFINITY);
  }
  const timeOfAny = (node: ThreadNode<T>): number => (node.isPlaceholder ? (placeholderTimes.get(node) ?? Number.POSITIVE_INFINITY) : timeOfNode(node));
  const levels: ThreadNode<T>[][] = [roots];
  for (let level = levels.pop(); level; level = levels.pop()) {
    if (level.length > 1) level.sort((a, b) => compareNodes(a, b, timeOfAny));
    for (const node of level) if (node.children.length > 0) levels.push(node.children);
  }
  return roots;
}

/** Returns how many real replies (placeholders not counted) sit anywhere below `node`. */
export function countReplies<T>(node: ThreadNode<T>): number {
  let count = 0;
  const stack = [...node.children];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (!next.isPlaceholder) count++;
    stack.push(...next.children);
  }
  return count;
}

// Decides each item's real parent (item, placeholder or none) and real depth, walking parent chains iteratively
// so a reply chain thousands deep cannot overflow the stack.
function placeAll<T extends ThreadItem>(ordered: readonly T[], byId: ReadonlyMap<string, T>): Map<string, Placement> {
  const placements = new Map<string, Placement>();
  // One path and one set, emptied for each item: most items are roots, and thousands of fresh ones cost more than the walk.
  const path: T[] = [];
  const onPath = new Set<string>();
  for (const item of ordered) {
    if (placements.has(item.id)) continue;
    path.length = 0;
    onPath.clear();
    let current: T | undefined = item;
    // Up the chain until a placed item, a root, a missing parent, or an item already on the path (a cycle).
    while (current && !placements.has(current.id) && !onPath.has(current.id)) {
      path.push(current);
      onPath.add(current.id);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    const isCycle = current !== undefined && onPath.has(current.id);
    for (let i = path.length - 1; i >= 0; i--) {
      const pathItem = path[i];
      if (!pathItem) continue;
      const parentId = pathItem.parentId;
      // In a cycle, the item whose parent closes it becomes a root; it keeps its replyToId for the record.
      if (parentId === null || (isCycle && i === path.length - 1)) {
        placements.set(pathItem.id, { parentKey: null, depth: 0, isPlaceholderParent: false });
      } else if (!byId.has(parentId)) {
        placements.set(pathItem.id, { parentKey: parentId, depth: 1, isPlaceholderParent: true });
      } else {
        placements.set(pathItem.id, { parentKey: parentId, depth: (placements.get(parentId)?.depth ?? 0) + 1, isPlaceholderParent: false });
      }
    }
  }
  return placements;
}

function timeOf(item: ThreadItem): number {
  const parsed = typeof item.createdAt === 'number' ? item.createdAt : new Date(item.createdAt).getTime();
  // An unreadable date sorts last rather than scrambling the order of the others.
  return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNodes<T>(a: ThreadNode<T>, b: ThreadNode<T>, time: (node: ThreadNode<T>) => number): number {
  return compareTimes(time(a), time(b)) || compareIds(a.id, b.id);
}

// Infinity - Infinity is NaN; two unreadable dates compare equal.
function compareTimes(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** What keepReachable needs of an annotation: its id, the id it replies to, and whether it is deleted or hidden. */
export type ReachableItem = { id: string; parentId: string | null; isGone: boolean };

/**
 * Drops deleted and hidden items that nothing shown hangs below: such an item stays only as a placeholder, and only
 * while a shown reply (at any depth) would otherwise lose its place. Keeps the order of `items`. Pure.
 */
export function keepReachable<T extends ReachableItem>(items: readonly T[]): T[] {
  if (!items.some((item) => item.isGone)) return [...items];
  const byId = new Map(items.map((item) => [item.id, item]));
  const kept = new Set<string>();
  // Each shown item keeps itself and its ancestors, up to the first one already kept; walking up rather than down
  // needs no recursion, and a cycle in parent ids (corrupt data) ends the walk where it comes round.
  for (const item of items) {
    if (item.isGone) continue;
    let current: T | undefined = item;
    while (current && !kept.has(current.id)) {
      kept.add(current.id);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
  }
  return items.filter((item) => kept.has(item.id));
}
