// The verification desk's rules, pure: which notes count as traced, what each filter keeps, which note to trace
// next, and when two sources are the same work.

/** Where the team stands in tracing a note. */
export const TRACING_STATUSES = ['UNTRACED', 'IN_PROGRESS', 'TRACED', 'VERIFIED', 'DISPUTED'] as const;
/** A tracing status. */
export type TracingStatusName = (typeof TRACING_STATUSES)[number];

/** How each tracing status is named to people. */
export const TRACING_STATUS_LABELS: Record<TracingStatusName, string> = {
  UNTRACED: 'Untraced',
  IN_PROGRESS: 'In progress',
  TRACED: 'Traced',
  VERIFIED: 'Verified',
  DISPUTED: 'Disputed',
};

/** The statuses `Notes traced` counts: the tracing is done, whatever it found. */
export const TRACED_STATUSES: readonly TracingStatusName[] = ['TRACED', 'VERIFIED', 'DISPUTED'];

/** The desk's filters, as the address names them (`?filter=mine`). */
export const DESK_FILTERS = ['all', 'mine', 'unassigned', 'disputed', 'no-source', 'no-verified-source'] as const;
/** One desk filter. */
export type DeskFilter = (typeof DESK_FILTERS)[number];

/** How each filter is named to people. */
export const DESK_FILTER_LABELS: Record<DeskFilter, string> = {
  all: 'All notes',
  mine: 'Mine',
  unassigned: 'Unassigned',
  disputed: 'Disputed',
  'no-source': 'No source',
  'no-verified-source': 'No verified source',
};

/** What the desk's rules need to know of a note. */
export type DeskNote = { number: number; status: TracingStatusName; assigneeId: string | null; sourceCount: number; verifiedSourceCount: number };

/** Reads a filter from the address; anything unknown is every note. */
export function parseDeskFilter(value: unknown): DeskFilter {
  return typeof value === 'string' && (DESK_FILTERS as readonly string[]).includes(value) ? (value as DeskFilter) : 'all';
}

/** Whether `note` is kept by `filter`, for the person `viewerId` (null for a visitor, who has nothing of their own). */
export function matchesDeskFilter(note: DeskNote, filter: DeskFilter, viewerId: string | null): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'mine':
      return viewerId !== null && note.assigneeId === viewerId;
    case 'unassigned':
      return note.assigneeId === null;
    case 'disputed':
      return note.status === 'DISPUTED';
    case 'no-source':
      return note.sourceCount === 0;
    case 'no-verified-source':
      return note.verifiedSourceCount === 0;
  }
}

/** Counts the notes per status, every status present (zero included). */
export function countByStatus(notes: readonly Pick<DeskNote, 'status'>[]): Record<TracingStatusName, number> {
  const counts = Object.fromEntries(TRACING_STATUSES.map((status) => [status, 0])) as Record<TracingStatusName, number>;
  for (const note of notes) counts[note.status] += 1;
  return counts;
}

/** How many notes are traced (traced, verified or disputed). */
export function countTraced(notes: readonly Pick<DeskNote, 'status'>[]): number {
  return notes.filter((note) => TRACED_STATUSES.includes(note.status)).length;
}

/**
 * The note `viewerId` should trace next: the lowest-numbered untraced note assigned to them or to nobody, or null
 * when none is left. Their own assignments come first only by number, so two people starting together do not both
 * pick the same unassigned note before their own.
 */
export function nextNoteToTrace(notes: readonly DeskNote[], viewerId: string | null): number | null {
  const candidates = notes
    .filter((note) => note.status === 'UNTRACED' && (note.assigneeId === null || note.assigneeId === viewerId))
    .sort((a, b) => a.number - b.number);
  return candidates[0]?.number ?? null;
}

/** What duplicate detection needs to know of a source. */
export type SourceIdentity = { id: string; title: string; issued: string | null; url: string | null; doi: string | null };

/** Normalises a DOI as written in a reference (`https://doi.org/10.1/X`, `doi:10.1/x`) to `10.1/x`; null when it is not one. */
export function normalizeDoi(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /10\.\d{4,9}\/\S+/u.exec(value.trim());
  return match ? match[0].replace(/[.,;]+$/u, '').toLowerCase() : null;
}

// Addresses differing only in scheme, "www.", a trailing slash, a fragment or letter case name the same page.
function urlKey(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^www\./u, '');
    const path = parsed.pathname.replace(/\/+$/u, '');
    return `${host}${path}${parsed.search}`.toLowerCase();
  } catch {
    return null;
  }
}

function titleYearKey(title: string, issued: string | null): string | null {
  const year = issued?.slice(0, 4);
  if (!year) return null;
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return words ? `${words}|${year}` : null;
}

/** The keys under which two sources count as the same work: DOI, address, and title with year. */
export function identityKeys(source: Omit<SourceIdentity, 'id'>): string[] {
  const doi = normalizeDoi(source.doi);
  const url = urlKey(source.url);
  const titleYear = titleYearKey(source.title, source.issued);
  return [doi && `doi:${doi}`, url && `url:${url}`, titleYear && `title:${titleYear}`].filter((key): key is string => Boolean(key));
}

/**
 * Groups sources that are the same work (sharing any identity key, transitively), in the order given; each group's
 * first source is the one to keep. Sources with no duplicate are left out.
 */
export function findDuplicateGroups<T extends SourceIdentity>(sources: readonly T[]): T[][] {
  const parent = sources.map((_, index) => index);
  const root = (index: number): number => {
    let current = index;
    while (parent[current] !== current) current = parent[current]!;
    return current;
  };
  const firstWithKey = new Map<string, number>();
  sources.forEach((source, index) => {
    for (const key of identityKeys(source)) {
      const seen = firstWithKey.get(key);
      if (seen === undefined) firstWithKey.set(key, index);
      else {
        const [a, b] = [root(seen), root(index)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, T[]>();
  sources.forEach((source, index) => {
    const key = root(index);
    groups.set(key, [...(groups.get(key) ?? []), source]);
  });
  return [...groups.values()].filter((group) => group.length > 1);
}
