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

// How an item hangs in the tree: from nothing (a root), from a placeholder for a missing parent, or from its parent.
const ROOT = 0;
const UNDER_PLACEHOLDER = 1;
const UNDER_PARENT = 2;

/**
 * Builds reply trees from a flat list: roots and each node's children in order of creation, replies nested to
 * any depth but shown no deeper than `maxDepth` (deeper ones join their ancestor at `maxDepth - 1`), and replies
 * to a missing parent gathered under one placeholder per missing id. A cycle in parent ids (corrupt data) is cut
 * so every item appears exactly once; of repeated ids, the first is kept. Pure.
 */
export function buildThreads<T extends ThreadItem>(items: readonly T[], options: BuildThreadsOptions = {}): ThreadNode<T>[] {
  const maxDepth = Math.max(1, Math.floor(options.maxDepth ?? DEFAULT_MAX_THREAD_DEPTH));
  // Items are referred to by their place in order of creation (their position), in typed arrays: a thread thousands
  // of replies long is built in a few passes over numbers instead of as many lookups by id, and siblings, being
  // attached in order of position, need no sorting.
  const { ordered, positionOf } = inCreationOrder(items);
  const parentPosition = Int32Array.from(ordered, (item) => (item.parentId === null ? -1 : (positionOf.get(item.parentId) ?? -1)));
  const { hanging, depth } = placeAll(ordered, parentPosition);
  const nodes = ordered.map((item): ThreadNode<T> => ({ id: item.id, depth: 0, replyToId: item.parentId, isFlattened: false, children: [], isPlaceholder: false, item }));

  const placeholders = new Map<string, ThreadNode<T>>();
  const displayParent: Array<ThreadNode<T> | null> = new Array(ordered.length).fill(null);
  // Parents come first in depth order, so each node's display parent is settled before its children's.
  for (const position of byDepth(depth)) {
    const node = nodes[position]!;
    if (hanging[position] === ROOT) continue;
    let parent: ThreadNode<T> | null | undefined;
    if (hanging[position] === UNDER_PLACEHOLDER) {
      const missingId = ordered[position]!.parentId!;
      parent = placeholders.get(missingId);
      if (!parent) {
        parent = { id: missingId, depth: 0, replyToId: null, isFlattened: false, children: [], isPlaceholder: true, item: null };
        placeholders.set(missingId, parent);
      }
    } else {
      const realParent = nodes[parentPosition[position]!]!;
      // A parent already at the deepest shown level passes its children up to where it is itself shown.
      parent = realParent.depth >= maxDepth ? displayParent[parentPosition[position]!] : realParent;
    }
    // Unreachable by construction when missing; a root is better than a reply that silently disappears.
    if (!parent) continue;
    node.depth = parent.depth + 1;
    node.isFlattened = parent.id !== node.replyToId;
    displayParent[position] = parent;
  }
  // Attached in order of creation, each level comes out sorted; a placeholder joins the roots where its first reply
  // would sit, and sorts among them by the id it stands for (as two items written at once sort by id).
  const roots: ThreadNode<T>[] = [];
  const rootTimes: number[] = [];
  nodes.forEach((node, position) => {
    const parent = displayParent[position];
    if (!parent) {
      roots.push(node);
      rootTimes.push(timeOf(ordered[position]!));
      return;
    }
    if (parent.isPlaceholder && parent.children.length === 0) {
      roots.push(parent);
      rootTimes.push(timeOf(ordered[position]!));
    }
    parent.children.push(node);
  });
  if (placeholders.size === 0) return roots;
  const byTimeThenId = roots.map((_, index) => index).sort((a, b) => compareTimes(rootTimes[a]!, rootTimes[b]!) || compareIds(roots[a]!.id, roots[b]!.id));
  return byTimeThenId.map((index) => roots[index]!);
}

// The items with repeated ids dropped (the first is kept), in order of creation and then of id, and where each id
// sits in that order. Most callers read them in that order already, which one pass confirms.
function inCreationOrder<T extends ThreadItem>(items: readonly T[]): { ordered: readonly T[]; positionOf: Map<string, number> } {
  const positionOf = new Map<string, number>();
  const unique: T[] = [];
  for (const item of items) {
    if (positionOf.has(item.id)) continue;
    positionOf.set(item.id, unique.length);
    unique.push(item);
  }
  const times = Float64Array.from(unique, timeOf);
  const compare = (a: number, b: number) => compareTimes(times[a]!, times[b]!) || compareIds(unique[a]!.id, unique[b]!.id);
  let isOrdered = true;
  for (let position = 1; position < unique.length && isOrdered; position++) isOrdered = compare(position - 1, position) < 0;
  if (isOrdered) return { ordered: unique, positionOf };
  const ordered = unique.map((_, index) => index).sort(compare).map((index) => unique[index]!);
  ordered.forEach((item, position) => positionOf.set(item.id, position));
  return { ordered, positionOf };
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

// Decides how each item hangs (see ROOT) and its real depth, walking parent chains iteratively so a reply chain
// thousands deep cannot overflow the stack. `parentPosition` holds each item's parent's position, or -1 when it has
// none or its parent is missing.
function placeAll(ordered: readonly ThreadItem[], parentPosition: Int32Array): { hanging: Uint8Array; depth: Int32Array } {
  const count = ordered.length;
  const hanging = new Uint8Array(count);
  const depth = new Int32Array(count).fill(-1);
  // Marks which walk last put an item on its path, so no set is emptied between walks.
  const onPathOfWalk = new Int32Array(count).fill(-1);
  const path: number[] = [];
  for (let start = 0; start < count; start++) {
    if (depth[start] !== -1) continue;
    path.length = 0;
    let current = start;
    // Up the chain until a placed item, a root, a missing parent, or an item already on the path (a cycle).
    while (current !== -1 && depth[current] === -1 && onPathOfWalk[current] !== start) {
      path.push(current);
      onPathOfWalk[current] = start;
      current = parentPosition[current]!;
    }
    const isCycle = current !== -1 && depth[current] === -1;
    for (let i = path.length - 1; i >= 0; i--) {
      const position = path[i]!;
      const parent = parentPosition[position]!;
      // In a cycle, the item whose parent closes it becomes a root; it keeps its replyToId for the record.
      if (ordered[position]!.parentId === null || (isCycle && i === path.length - 1)) {
        hanging[position] = ROOT;
        depth[position] = 0;
      } else if (parent === -1) {
        hanging[position] = UNDER_PLACEHOLDER;
        depth[position] = 1;
      } else {
        hanging[position] = UNDER_PARENT;
        depth[position] = depth[parent]! + 1;
      }
    }
  }
  return { hanging, depth };
}

// Positions ordered by depth, and by position within a depth (a counting sort: depths can run to thousands).
function byDepth(depth: Int32Array): Int32Array {
  let deepest = 0;
  for (const value of depth) if (value > deepest) deepest = value;
  const starts = new Int32Array(deepest + 2);
  for (const value of depth) starts[value + 1]!++;
  for (let level = 1; level < starts.length; level++) starts[level]! += starts[level - 1]!;
  const sorted = new Int32Array(depth.length);
  depth.forEach((value, position) => {
    sorted[starts[value]!++] = position;
  });
  return sorted;
}

function timeOf(item: ThreadItem): number {
  const parsed = typeof item.createdAt === 'number' ? item.createdAt : new Date(item.createdAt).getTime();
  // An unreadable date sorts last rather than scrambling the order of the others.
  return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
