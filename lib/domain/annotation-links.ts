// Typed links between annotations: the kinds, how each reads from either end, and the reader's filter on them.

/** The kinds of link, as stored. "A supports B" is stored from A to B. */
export const LINK_KINDS = ['SUPPORTS', 'CONTRADICTS', 'SAME_CLAIM_AS', 'ANSWERS'] as const;

/** One kind of link between two annotations. */
export type LinkKind = (typeof LINK_KINDS)[number];

/** The kinds as people and the W3C tagging body name them (`same claim as`). */
export const LINK_KIND_NAMES: Record<LinkKind, string> = {
  SUPPORTS: 'supports',
  CONTRADICTS: 'contradicts',
  SAME_CLAIM_AS: 'same claim as',
  ANSWERS: 'answers',
};

// How the link reads on the card it starts from ("Supports") and on the card it points at ("Supported by").
const FORWARD: Record<LinkKind, string> = { SUPPORTS: 'Supports', CONTRADICTS: 'Contradicts', SAME_CLAIM_AS: 'Same claim as', ANSWERS: 'Answers' };
const BACKWARD: Record<LinkKind, string> = { SUPPORTS: 'Supported by', CONTRADICTS: 'Contradicted by', SAME_CLAIM_AS: 'Same claim as', ANSWERS: 'Answered by' };

/** Returns how a link reads on one of its cards: from the annotation it starts at, or from the one it points to. Pure. */
export function linkPhrase(kind: LinkKind, side: 'from' | 'to'): string {
  return side === 'from' ? FORWARD[kind] : BACKWARD[kind];
}

/** Returns the kind a name stands for (`contradicts`, `Same claim as`, `same-claim-as`, `SAME_CLAIM_AS`), or null. Pure. */
export function linkKindOfName(name: string): LinkKind | null {
  const key = name.trim().toUpperCase().replace(/[\s-]+/gu, '_');
  return (LINK_KINDS as readonly string[]).includes(key) ? (key as LinkKind) : null;
}

/** Returns the URL form of a kind (`same-claim-as`), for the reader's filter. Pure. */
export function linkKindSlug(kind: LinkKind): string {
  return kind.toLowerCase().replace(/_/gu, '-');
}

/** What the reader's filter asks of links: any link at all, or links of one kind. */
export type LinkFilter = 'any' | LinkKind;

/** Reads the filter's `link` parameter: `any` or a kind's slug; anything else asks nothing. Pure. */
export function readLinkFilter(value: string | undefined): LinkFilter | undefined {
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'any') return 'any';
  return linkKindOfName(value) ?? undefined;
}

/**
 * Returns `text` cut to at most `maxLength` code points at the end of a word, with an ellipsis when cut; a single
 * word longer than that is cut where it must be. Pure.
 */
export function shortenAtWord(text: string, maxLength: number): string {
  const codePoints = [...text];
  if (codePoints.length <= maxLength) return text;
  const head = codePoints.slice(0, maxLength + 1).join('');
  const lastSpace = head.search(/\s\S*$/u);
  const cut = lastSpace > maxLength / 2 ? head.slice(0, lastSpace) : codePoints.slice(0, maxLength).join('');
  return `${cut.trimEnd().replace(/[,;:.–—-]+$/u, '')}…`;
}
