import { buildThreads, type ThreadItem, type ThreadNode } from '@/lib/domain/threads';

/** How many threads the Annotations list shows before "Show all": thousands of cards would make a page of megabytes. */
export const ANNOTATION_LIST_LIMIT = 100;

type Listable = ThreadItem & { target: 'quote' | 'section'; anchor: { status: string; start: number | null } };

/** The Annotations list: threads on passages in text order (`placed`, all of them), and those whose passage is gone. */
export type AnnotationList<T> = { placed: ThreadNode<T>[]; orphans: ThreadNode<T>[] };

/** Builds the list of quote threads: placed ones by where they start in the text, then the orphans. Pure. */
export function listAnnotationThreads<T extends Listable>(annotations: readonly T[]): AnnotationList<T> {
  const threads = buildThreads(annotations.filter((annotation) => annotation.target === 'quote'));
  const positionOf = (node: ThreadNode<T>) => node.item?.anchor.start ?? Number.MAX_SAFE_INTEGER;
  return {
    placed: threads.filter((node) => node.isPlaceholder || node.item.anchor.status !== 'orphan').sort((a, b) => positionOf(a) - positionOf(b)),
    orphans: threads.filter((node) => !node.isPlaceholder && node.item.anchor.status === 'orphan'),
  };
}

/** Returns the ids of every annotation in `nodes` and their replies, at any depth. */
export function idsInThreads<T>(nodes: readonly ThreadNode<T>[]): string[] {
  return nodes.flatMap((node) => [node.id, ...idsInThreads(node.children)]);
}

/** Returns `nodes` with each item replaced by `replace(item)` (the same shape, newer data), keeping the tree as built. */
export function withThreadItems<T>(nodes: readonly ThreadNode<T>[], replace: (item: T) => T): ThreadNode<T>[] {
  return nodes.map((node) => {
    const children = withThreadItems(node.children, replace);
    return node.isPlaceholder ? { ...node, children } : { ...node, item: replace(node.item), children };
  });
}
