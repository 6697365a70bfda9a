import { createHash } from 'node:crypto';

// Entity tags and the conditional requests of RFC 9110 §8.8.3 and §13.1: If-Match compares strongly (both tags
// strong and the same), If-None-Match weakly (the same opaque value, weak or not), and `*` matches any current
// representation. One home, so every route answers a precondition the same way.

/** One entity tag as sent or received: its opaque value (with its quotes) and whether it is weak (`W/`). */
export type EntityTag = { weak: boolean; opaque: string };

/** A parsed If-Match or If-None-Match field: `*`, or the list of tags it names (malformed members are dropped). */
export type EntityTagList = '*' | EntityTag[];

const ENTITY_TAG = /^(W\/)?("[\x21\x23-\x7e\x80-\xff]*")$/u;

/** Reads one entity tag (`"abc"` or `W/"abc"`); null when it is not one. */
export function parseEntityTag(value: string): EntityTag | null {
  const match = ENTITY_TAG.exec(value.trim());
  return match ? { weak: match[1] !== undefined, opaque: match[2]! } : null;
}

/** Reads an If-Match or If-None-Match field value; null when the header is absent. */
export function parseEntityTagList(header: string | null): EntityTagList | null {
  if (header === null) return null;
  if (header.trim() === '*') return '*';
  const tags: EntityTag[] = [];
  // Commas may sit inside a quoted opaque value, so split on the tags themselves rather than on commas.
  for (const match of header.matchAll(/(?:W\/)?"[^"]*"/gu)) {
    const tag = parseEntityTag(match[0]);
    if (tag) tags.push(tag);
  }
  return tags;
}

/** Strong comparison (RFC 9110 §8.8.3.2): both tags strong and their opaque values equal. */
export function strongMatch(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque;
}

/** Weak comparison (RFC 9110 §8.8.3.2): the opaque values equal, whether or not either tag is weak. */
export function weakMatch(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque;
}

/**
 * Whether an If-Match precondition holds (RFC 9110 §13.1.1) for the current representation's ETag, or for none
 * (`current` null: the resource does not exist). No header always holds.
 */
export function ifMatchHolds(header: string | null, current: string | null): boolean {
  const list = parseEntityTagList(header);
  if (list === null) return true;
  if (current === null) return false;
  if (list === '*') return true;
  const tag = parseEntityTag(current);
  return tag !== null && list.some((candidate) => strongMatch(candidate, tag));
}

/**
 * Whether an If-None-Match precondition holds (RFC 9110 §13.1.2): false when a listed tag matches the current
 * ETag weakly, or for `*` when the resource exists. For GET and HEAD a false answer is a 304; for other methods a 412.
 */
export function ifNoneMatchHolds(header: string | null, current: string | null): boolean {
  const list = parseEntityTagList(header);
  if (list === null || current === null) return true;
  if (list === '*') return false;
  const tag = parseEntityTag(current);
  return tag === null || !list.some((candidate) => weakMatch(candidate, tag));
}

/** A strong ETag for a representation's exact bytes: a SHA-256 digest, shortened. */
export function strongEtagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
