// The live stream of a document, loaded by LiveUpdates once the page has hydrated so its code is not part of the
// reader's first load. The stream replays what changed since the page was rendered, so starting a moment later loses nothing.
import { marksOfAnnotation } from '@/components/annotations/highlight-lookup';

/** One change on the document's stream. */
export type ActivityData = { kind: string; subjectId: string; isOwn: boolean };
/** Someone else reading the document, and where. */
export type Reader = { name: string; sectionSlug: string | null };
/** The state of the stream, as the page tells it. */
export type Connection = 'connecting' | 'open' | 'lost' | 'closed';

const REFRESH_AFTER_MS = 150;
const HEARTBEAT_MS = 15_000;
const SECTION_SETTLE_MS = 1_000;
const MARKED_NEW_MS = 8_000;
const SHOW_LOST_AFTER_MS = 3_000;

const cardOf = (id: string) => document.getElementById(`annotation-${id}`);
const marksOf = (id: string) => marksOfAnnotation(id);
// The annotation card's editor (its Comment field); a refresh would hand it another person's newer revision.
const openEditorOf = (id: string) => cardOf(id)?.querySelector('textarea[id$="-edit"]') ?? null;

// Whether someone changed an annotation whose editor is open here: a refresh would hand its card their revision, and
// the save would overwrite their text. Held back, the save meets the conflict and shows it.
const isEditingChanged = (activities: ActivityData[]) => activities.some((activity) => activity.kind !== 'annotation.created' && openEditorOf(activity.subjectId));

// Whether the reader is selecting text: a refresh re-renders the paragraphs (new highlights split them) and would drop it.
function isSelectingText(): boolean {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return false;
  const article = document.getElementById('document-title')?.closest('article');
  return Boolean(article?.contains(selection.getRangeAt(0).commonAncestorContainer));
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const listNames = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

// Waits for something the refresh is bringing in (a card, a highlight); null if it never shows (hidden by the
// panel's filters, say).
function whenShown(find: () => HTMLElement | null, timeoutMs = 5_000): Promise<HTMLElement | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const look = () => {
      const found = find();
      if (found || performance.now() - started > timeoutMs) resolve(found);
      else setTimeout(look, 50);
    };
    look();
  });
}

function markNew(elements: Element[]): void {
  for (const element of elements) element.setAttribute('data-live-new', 'true');
  setTimeout(() => elements.forEach((element) => element.removeAttribute('data-live-new')), MARKED_NEW_MS);
}

/** Describes a batch of others' changes for the polite live region, e.g. "2 new annotations by Ana and Bob." */
function describe(batch: ActivityData[], authors: string[], createdCount: number): string {
  const count = (kinds: string[]) => batch.filter((activity) => kinds.includes(activity.kind)).length;
  const parts = [
    createdCount ? `${plural(createdCount, 'new annotation', 'new annotations')}${authors.length ? ` by ${listNames(authors)}` : ''}` : '',
    count(['annotation.updated']) ? `${plural(count(['annotation.updated']), 'annotation', 'annotations')} edited` : '',
    count(['annotation.resolved']) ? `${plural(count(['annotation.resolved']), 'thread', 'threads')} resolved` : '',
    count(['annotation.reopened']) ? `${plural(count(['annotation.reopened']), 'thread', 'threads')} reopened` : '',
    count(['annotation.deleted', 'annotation.hidden']) ? `${plural(count(['annotation.deleted', 'annotation.hidden']), 'annotation', 'annotations')} removed` : '',
    batch.some((activity) => activity.kind.startsWith('source.')) ? 'sources updated' : '',
    batch.some((activity) => activity.kind.startsWith('link.')) ? 'links between annotations updated' : '',
    batch.some((activity) => activity.kind === 'document.versioned') ? 'the text is now its newest version' : '',
  ].filter(Boolean);
  if (parts.length === 0) return '';
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** What the stream tells the page: who else reads, how the connection is, what to announce, and when to refresh. */
export type LiveCallbacks = {
  setReaders: (readers: Reader[]) => void;
  setConnection: (connection: Connection) => void;
  setIsHeld: (isHeld: boolean) => void;
  announce: (text: string) => void;
  refresh: () => void;
};

/**
 * Follows the document's live stream: refreshes the page when something changes (held back while the reader selects
 * text or edits an annotation someone changed), marks what arrived as new, and sends this reader's presence.
 * Returns the function that stops following.
 */
export function followDocument(options: { documentSlug: string; since: string; sectionSlugs: readonly string[] }, on: LiveCallbacks): () => void {
  const url = `/api/documents/${encodeURIComponent(options.documentSlug)}/events?since=${encodeURIComponent(options.since)}`;
  const source = new EventSource(url);
  let batch: ActivityData[] = [];
  let held: ActivityData[] = [];
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let holdTimer: ReturnType<typeof setInterval> | undefined;
  let lostTimer: ReturnType<typeof setTimeout> | undefined;
  let isDisposed = false;

  const { announce, refresh, setConnection, setIsHeld, setReaders } = on;

  const flush = () => {
    refreshTimer = undefined;
    const pending = [...held, ...batch];
    batch = [];
    const isEditing = isEditingChanged(pending);
    if (isEditing || isSelectingText()) {
      held = pending;
      setIsHeld(isEditing);
      holdTimer ??= setInterval(() => {
        if (isEditingChanged(held) || isSelectingText()) return;
        clearInterval(holdTimer);
        holdTimer = undefined;
        setIsHeld(false);
        flush();
      }, 500);
      return;
    }
    held = [];
    // What this reader already shows (replayed on connect, or their own save in this tab) is not news.
    const fromOthers = pending.filter((activity) => !activity.isOwn);
    const arriving = [...new Set(fromOthers.filter((activity) => activity.kind === 'annotation.created' && !cardOf(activity.subjectId)).map((activity) => activity.subjectId))];
    const others = fromOthers.filter((activity) => activity.kind !== 'annotation.created');
    refresh();
    void Promise.all(arriving.map((id) => whenShown(() => cardOf(id)).then((card) => (card ? { id, card } : null)))).then((shown) => {
      if (isDisposed) return;
      const cards = shown.filter((entry) => entry !== null);
      for (const { id, card } of cards) {
        markNew([card]);
        // The highlight follows the card, with the next table of highlights.
        void whenShown(() => marksOf(id)[0] ?? null).then(() => !isDisposed && markNew(marksOf(id)));
      }
      const authors = [...new Set(cards.map(({ card }) => card.querySelector('.annotation-card__author')?.textContent?.trim() ?? '').filter(Boolean))];
      announce(describe(others, authors, cards.length));
    });
  };

  source.addEventListener('open', () => {
    clearTimeout(lostTimer);
    setConnection('open');
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) return setConnection('closed');
    clearTimeout(lostTimer);
    lostTimer = setTimeout(() => setConnection('lost'), SHOW_LOST_AFTER_MS);
  });
  source.addEventListener('activity', (event) => {
    batch.push(JSON.parse((event as MessageEvent<string>).data) as ActivityData);
    refreshTimer ??= setTimeout(flush, REFRESH_AFTER_MS);
  });
  source.addEventListener('refresh', () => {
    refresh();
  });
  source.addEventListener('presence', (event) => {
    setReaders((JSON.parse((event as MessageEvent<string>).data) as { readers: Reader[] }).readers);
  });

  // Presence: a heartbeat every 15 s while the page is visible, at once when the reader settles in another
  // section, and a goodbye on leaving. Only sent once the stream says this reader shares presence (members).
  const tabId = crypto.randomUUID();
  const heartbeatUrl = `/api/documents/${encodeURIComponent(options.documentSlug)}/events`;
  let sharesPresence = false;
  let section: string | null = null;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;
  const beat = (body: { sectionSlug?: string | null; isLeaving?: boolean }) => {
    if (!sharesPresence) return;
    void fetch(heartbeatUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tabId, ...body }), keepalive: true }).catch(() => undefined);
  };
  const sectionInView = () => {
    const line = window.innerHeight * 0.35;
    let current: string | null = null;
    for (const slug of options.sectionSlugs) {
      const top = document.getElementById(slug)?.getBoundingClientRect().top;
      if (top !== undefined && top <= line) current = slug;
    }
    return current;
  };
  const onScroll = () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      const current = sectionInView();
      if (current === section) return;
      section = current;
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => beat({ sectionSlug: section }), SECTION_SETTLE_MS);
    });
  };
  const onVisibility = () => (document.visibilityState === 'visible' ? beat({ sectionSlug: section }) : beat({ isLeaving: true }));
  const onLeave = () => beat({ isLeaving: true });
  source.addEventListener('ready', (event) => {
    const ready = JSON.parse((event as MessageEvent<string>).data) as { sharesPresence: boolean };
    if (!ready.sharesPresence) return;
    sharesPresence = true;
    section = sectionInView();
    // On every (re)connection: the process now serving the stream may not have heard of this reader yet.
    beat({ sectionSlug: section });
    heartbeatTimer ??= setInterval(() => document.visibilityState === 'visible' && beat({ sectionSlug: section }), HEARTBEAT_MS);
  });
  window.addEventListener('scroll', onScroll, { passive: true });
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onLeave);

  return () => {
    isDisposed = true;
    onLeave();
    source.close();
    [refreshTimer, lostTimer, settleTimer].forEach(clearTimeout);
    [holdTimer, heartbeatTimer].forEach(clearInterval);
    cancelAnimationFrame(frame);
    window.removeEventListener('scroll', onScroll);
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onLeave);
  };
}
