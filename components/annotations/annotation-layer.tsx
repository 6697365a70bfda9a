'use client';

import Link from 'next/link';
import { lazy, startTransition, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { isWideLayout } from '@/components/reader/reader-geometry';
import { useReader } from '@/components/reader/reader-state';
import { createAnnotationAction } from '@/lib/actions/annotations';
import type { HighlightIndex } from '@/lib/domain/highlight-ranges';
import { readDraft, writeDraft, type AnnotationDraft } from './annotation-drafts';

import { listenForReaderShortcuts } from './reader-shortcuts';
import { annotationIdsOfMark, fetchHighlightIndex, HighlightIndexContext, marksOfAnnotation, showHighlightTable } from './highlight-lookup';
import { useHighlightPreview, type PreviewItem } from './highlight-preview';
import { useListFollowingTheReading } from './list-following';
import { readSelection, type SelectionOffsets } from './selection-offsets';

// The composer and the shortcuts dialog float over the page and open only on request: their code is fetched then,
// not with every reader's first load.
const AnnotationComposer = lazy(() => import('./annotation-composer').then((module) => ({ default: module.AnnotationComposer })));
const KeyboardShortcutsDialog = lazy(() => import('./keyboard-shortcuts-dialog').then((module) => ({ default: module.KeyboardShortcutsDialog })));

type AnnotationPreview = PreviewItem;

type WebAnnotationBody = { value?: string; purpose?: string };

// Previews are fetched when a highlight is first hovered, not sent with the page: with thousands of annotations
// the page would carry them all for the few a reader points at.
async function fetchPreview(documentSlug: string, id: string): Promise<AnnotationPreview | null> {
  // The Markdown parser comes with the first preview, not with the page.
  const [response, { plainExcerpt }] = await Promise.all([
    fetch(`/api/documents/${encodeURIComponent(documentSlug)}/annotations/${encodeURIComponent(id)}`, { headers: { Accept: 'application/ld+json' } }).catch(() => null),
    import('@/lib/domain/excerpts'),
  ]);
  if (!response?.ok) return null;
  const annotation = (await response.json()) as { creator?: { name?: string }; body?: WebAnnotationBody[] | WebAnnotationBody };
  const bodies = Array.isArray(annotation.body) ? annotation.body : annotation.body ? [annotation.body] : [];
  const comment = bodies.find((body) => body.purpose === 'commenting')?.value ?? '';
  return {
    author: annotation.creator?.name ?? '',
    excerpt: plainExcerpt(comment, 100),
    tags: bodies.filter((body) => body.purpose === 'tagging').map((body) => body.value ?? ''),
  };
}

type LayerProps = {
  documentSlug: string;
  versionNumber: number;
  isSignedIn: boolean;
  canShare: boolean;
  /** Where the table of every highlight drawn in the text is fetched from, once the page is up; null when there are none. */
  highlightsUrl: string | null;
  /** Which threads the Annotations list shows; when another batch opens, focus goes to the card its link named. */
  listKey: string;
  children: ReactNode;
};

type Toolbar = { selection: Extract<SelectionOffsets, { ok: true }> } | { message: string; rect: DOMRect | null };

function focusCard(id: string) {
  const card = document.getElementById(`annotation-${id}`);
  card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  card?.focus({ preventScroll: true });
}

const annotationInHash = () => /^#annotation-([\w-]+)$/.exec(window.location.hash)?.[1];

// The list shows a batch of threads; this opens the batch holding annotation `id`, at its card.
function openThreadOf(id: string) {
  const url = new URL(window.location.href);
  url.searchParams.delete('list');
  url.searchParams.set('thread', id);
  url.hash = `annotation-${id}`;
  window.location.assign(url.toString());
}

/**
 * Everything that happens on top of the text: selecting a passage offers Annotate and Highlight, the composer
 * keeps drafts, highlights preview their annotation, and keyboard shortcuts (reader-shortcuts.ts) move around.
 */
export function AnnotationLayer({ documentSlug, versionNumber, isSignedIn, canShare, highlightsUrl, listKey, children }: LayerProps) {
  // Until a newer table has come, the text keeps the highlights it has: they only colour it, so nothing moves.
  const [loadedIndex, setLoadedIndex] = useState<HighlightIndex | null>(null);
  const highlightIndex = highlightsUrl ? loadedIndex : null;
  const textRef = useRef<HTMLDivElement>(null);
  const [toolbar, setToolbar] = useState<Toolbar | null>(null);
  const [draft, setDraft] = useState<AnnotationDraft | null>(null);
  const { events: previewEvents, preview } = useHighlightPreview(useCallback((id: string) => fetchPreview(documentSlug, id), [documentSlug]));
  const { openSheet } = useReader();
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  const [status, setStatus] = useState('');

  // A draft left by a reload or a failed save reopens, as long as it was made on this version of the text.
  useEffect(() => {
    const stored = readDraft(documentSlug);
    // Reading browser storage can only happen after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (stored && stored.versionNumber === versionNumber && isSignedIn) setDraft(stored);
  }, [documentSlug, versionNumber, isSignedIn]);

  useEffect(() => {
    const root = textRef.current;
    if (!root) return;
    const onSelectionChange = () => {
      const selection = readSelection(root);
      if (!selection) setToolbar((current) => (current && 'selection' in current ? null : current));
      else if (selection.ok) setToolbar({ selection });
      else setToolbar({ message: selection.reason, rect: null });
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  useEffect(() => {
    if (!highlightsUrl) return;
    let isCurrent = true;
    void fetchHighlightIndex(highlightsUrl).then((table) => {
      if (!isCurrent || !table) return;
      showHighlightTable(table);
      // Thousands of marks make a large render: as a transition React draws them in slices between frames, so no
      // single task holds the page and a tap meanwhile (a footnote, a selection) is answered at once.
      startTransition(() => setLoadedIndex(table.index));
    });
    return () => {
      isCurrent = false;
    };
  }, [highlightsUrl]);

  // Beside the text the list shows the thread's card; on a narrow screen the thread opens in a sheet over the text,
  // leaving its highlight where it is, instead of the page jumping to the list after the article.
  const showThread = useCallback(
    (id: string, anchor?: HTMLElement) => {
      const mark = anchor ?? marksOfAnnotation(id)[0];
      if (isWideLayout() || !mark) return focusCard(id);
      openSheet({ kind: 'thread', annotationId: id, anchor: mark, returnTo: mark });
    },
    [openSheet],
  );

  // A thread just saved on a narrow screen opens in its sheet once its highlight and card have come with the refresh.
  const savedThread = useRef<string | null>(null);
  const showSavedThread = useCallback(() => {
    const id = savedThread.current;
    if (!id || !document.getElementById(`annotation-${id}`) || marksOfAnnotation(id).length === 0) return;
    savedThread.current = null;
    showThread(id);
  }, [showThread]);
  useEffect(showSavedThread, [highlightIndex, listKey, showSavedThread]);

  // A link to one annotation (#annotation-<id>, from search or a tag page) shows its passage and its card once the
  // highlights are drawn, and the list holds still for a moment instead of following the reading. A card the list
  // does not show is in another batch of it, which opens at the card. Only the address the page opened with counts.
  const followPausedUntil = useRef(0);
  const linkedId = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    linkedId.current ??= annotationInHash() ?? null;
    const id = linkedId.current;
    if (!id || (highlightsUrl && !highlightIndex && document.getElementById(`annotation-${id}`))) return;
    linkedId.current = null;
    if (!document.getElementById(`annotation-${id}`)) {
      if (new URL(window.location.href).searchParams.get('thread') !== id) openThreadOf(id);
      return;
    }
    followPausedUntil.current = Date.now() + 3000;
    marksOfAnnotation(id)[0]?.scrollIntoView({ block: isWideLayout() ? 'center' : 'start' });
    requestAnimationFrame(() => showThread(id));
  }, [highlightsUrl, highlightIndex, showThread]);

  // Another batch of the list came in place, and its link named its first card: focus goes there, the text stays. A
  // list that changed by itself (a live update) leaves the address, and the focus, as they are.
  const listedAtHash = useRef<string | null>(null);
  useEffect(() => {
    const hash = window.location.hash;
    if (listedAtHash.current !== null && listedAtHash.current !== hash) {
      const id = annotationInHash();
      if (id) focusCard(id);
    }
    listedAtHash.current = hash;
  }, [listKey]);

  useListFollowingTheReading(textRef, highlightIndex, followPausedUntil);

  const startAnnotation = useCallback(
    (selection: Extract<SelectionOffsets, { ok: true }>) => {
      const next: AnnotationDraft = {
        id: crypto.randomUUID(),
        versionNumber,
        start: selection.start,
        end: selection.end,
        quote: selection.quote,
        body: '',
        tags: '',
        visibility: canShare ? 'WORKSPACE' : 'PRIVATE',
      };
      writeDraft(documentSlug, next);
      setDraft(next);
      setToolbar(null);
    },
    [canShare, documentSlug, versionNumber],
  );

  const highlight = useCallback(
    async (selection: Extract<SelectionOffsets, { ok: true }>) => {
      setToolbar(null);
      const result = await createAnnotationAction(documentSlug, {
        id: crypto.randomUUID(),
        versionNumber,
        start: selection.start,
        end: selection.end,
        visibility: canShare ? 'WORKSPACE' : 'PRIVATE',
      });
      setStatus(result.ok ? 'Highlighted.' : result.error);
      if (result.ok) window.getSelection()?.removeAllRanges();
    },
    [canShare, documentSlug, versionNumber],
  );

  // Keyboard shortcuts (reader-shortcuts.ts); a and h need this layer's selection and composer.
  useEffect(
    () =>
      listenForReaderShortcuts({
        annotateSelection: (kind) => {
          const root = textRef.current;
          const selection = root ? readSelection(root) : null;
          if (!selection?.ok || !isSignedIn) return false;
          if (kind === 'annotate') startAnnotation(selection);
          else void highlight(selection);
          return true;
        },
        showHelp: () => setIsHelpOpen(true),
      }),
    [highlight, isSignedIn, startAnnotation],
  );

  const toolbarRect = toolbar && 'selection' in toolbar ? toolbar.selection.rect : null;
  return (
    <div className="annotation-layer">
      <div
        ref={textRef}
        onMouseOver={(event) => previewEvents.pointerOver(event.target)}
        onMouseLeave={previewEvents.pointerLeft}
        onFocus={(event) => previewEvents.focusIn(event.target)}
        onBlur={previewEvents.focusOut}
        onClick={(event) => {
          const mark = event.target instanceof Element ? event.target.closest<HTMLElement>('mark.highlight') : null;
          const [first] = mark ? annotationIdsOfMark(mark) : [];
          if (!mark || !first || !window.getSelection()?.isCollapsed) return;
          previewEvents.hide();
          if (document.getElementById(`annotation-${first}`)) return showThread(first, mark);
          openThreadOf(first);
        }}
      >
        <HighlightIndexContext.Provider value={highlightIndex}>{children}</HighlightIndexContext.Provider>
      </div>
      {toolbar && (
        <div
          className="selection-toolbar"
          style={toolbarRect ? { top: toolbarRect.bottom + window.scrollY + 8, left: Math.max(8, toolbarRect.left + window.scrollX) } : undefined}
          data-docked={toolbarRect ? undefined : 'true'}
        >
          {'selection' in toolbar ? (
            isSignedIn ? (
              <>
                <button type="button" className="button button--primary button--small" onMouseDown={(event) => event.preventDefault()} onClick={() => startAnnotation(toolbar.selection)}>
                  Annotate
                </button>
                <button type="button" className="button button--small" onMouseDown={(event) => event.preventDefault()} onClick={() => void highlight(toolbar.selection)}>
                  Highlight
                </button>
              </>
            ) : (
              <Link className="button button--small" href={`/signin?returnTo=/documents/${documentSlug}`}>
                Sign in to annotate
              </Link>
            )
          ) : (
            <p role="alert" className="selection-toolbar__message">
              {toolbar.message}
            </p>
          )}
        </div>
      )}
      {preview}
      {draft && (
        <Suspense fallback={null}>
          <AnnotationComposer
            key={draft.id}
            documentSlug={documentSlug}
            draft={draft}
            canShare={canShare}
            onClose={() => setDraft(null)}
            onSaved={(id) => {
              setDraft(null);
              setStatus('Annotation saved.');
              window.getSelection()?.removeAllRanges();
              if (isWideLayout()) requestAnimationFrame(() => focusCard(id));
              else {
                savedThread.current = id;
                requestAnimationFrame(showSavedThread);
              }
            }}
          />
        </Suspense>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {isHelpOpen && (
        <Suspense fallback={null}>
          <KeyboardShortcutsDialog onClose={() => setIsHelpOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
