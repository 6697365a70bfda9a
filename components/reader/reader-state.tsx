'use client';

import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FootnotePanel } from '@/lib/dal/documents';
import type { SourceOption, SourceRights } from '@/lib/dal/sources';
import { measureMarker, type MarkerAtOpening } from './panel-placement';
import { bringToReadingLine, followVisualViewport, isWideLayout } from './reader-geometry';

/**
 * What the Annotations list shows as a sheet over the text on a narrow screen: one thread (opened from its highlight,
 * which it leaves in view), or all of them. Focus goes back to `returnTo` when it closes.
 */
export type AnnotationsSheet = { kind: 'thread'; annotationId: string; anchor: HTMLElement; returnTo: HTMLElement } | { kind: 'list'; returnTo: HTMLElement | null } | null;

type ReaderState = {
  documentSlug: string;
  originalUrl: string | null;
  rights: SourceRights;
  sourceOptions: SourceOption[];
  footnotes: ReadonlyMap<number, FootnotePanel>;
  toggleNote: (number: number) => void;
  closeNote: (number: number) => void;
  /** Where note `number`'s marker was when it was opened (measured before its panel went in), once. */
  takeMarkerAtOpening: (number: number) => MarkerAtOpening | null;
  /** The Annotations list as a sheet on a narrow screen (beside the text it is always shown). */
  sheet: AnnotationsSheet;
  openSheet: (sheet: Exclude<AnnotationsSheet, null>) => void;
  closeSheet: () => void;
  isLensOn: boolean;
  setLensOn: (isOn: boolean) => void;
};

/** Which notes are open, apart from the rest: only the markers and panels follow it, not the whole reader. */
type OpenNotes = {
  openNotes: ReadonlySet<number>;
  /** The note whose panel should take focus once it renders (opened by the reader, not by a re-render). */
  focusRequest: number | null;
};

const ReaderContext = createContext<ReaderState | null>(null);
const OpenNotesContext = createContext<OpenNotes | null>(null);

/** Returns the reader's shared state; only inside DocumentReaderProvider. */
export function useReader(): ReaderState {
  const state = useContext(ReaderContext);
  if (!state) throw new Error('useReader outside DocumentReaderProvider');
  return state;
}

/** Returns which notes are open; only inside DocumentReaderProvider. */
export function useOpenNotes(): OpenNotes {
  const state = useContext(OpenNotesContext);
  if (!state) throw new Error('useOpenNotes outside DocumentReaderProvider');
  return state;
}

const noteFromHash = (hash: string) => {
  const match = /^#fn-(\d+)$/.exec(hash);
  return match ? Number(match[1]) : null;
};

type ProviderProps = {
  documentSlug: string;
  originalUrl: string | null;
  rights: SourceRights;
  sourceOptions: SourceOption[];
  footnotes: FootnotePanel[];
  children: ReactNode;
};

/** Holds what the reader's interactive parts share: which notes and sheets are open and whether the citation lens is on. */
export function DocumentReaderProvider({ documentSlug, originalUrl, rights, sourceOptions, footnotes, children }: ProviderProps) {
  const [openNotes, setOpenNotes] = useState<ReadonlySet<number>>(new Set());
  const [focusRequest, setFocusRequest] = useState<number | null>(null);
  const [sheet, setSheet] = useState<AnnotationsSheet>(null);
  const sheetRef = useRef<AnnotationsSheet>(null);
  const [isLensOn, setLensOn] = useState(false);
  const byNumber = useMemo(() => new Map(footnotes.map((footnote) => [footnote.number, footnote])), [footnotes]);

  // Beside the text several notes can stand in the margin at once; on a narrow screen one sheet covers part of the
  // text, so opening a note there replaces whatever sheet was open.
  // Opening a note measures its marker's line while the page is still laid out as it was, so placing the panel
  // (panel-placement.ts) writes its position without making the browser lay the page out again first.
  const markersAtOpening = useRef(new Map<number, MarkerAtOpening>());
  const takeMarkerAtOpening = useCallback((number: number) => {
    const measured = markersAtOpening.current.get(number) ?? null;
    markersAtOpening.current.delete(number);
    return measured;
  }, []);
  const openNote = useCallback((number: number) => {
    const marker = document.getElementById(`fn-ref-${number}`);
    if (marker) markersAtOpening.current.set(number, measureMarker(marker));
    const isWide = isWideLayout();
    setOpenNotes((current) => (isWide ? new Set(current).add(number) : new Set([number])));
    if (!isWide) {
      sheetRef.current = null;
      setSheet(null);
    }
    setFocusRequest(number);
  }, []);

  const closeNote = useCallback((number: number) => {
    setOpenNotes((current) => {
      const next = new Set(current);
      next.delete(number);
      return next;
    });
    setFocusRequest((current) => (current === number ? null : current));
    document.getElementById(`fn-ref-${number}`)?.focus();
  }, []);

  // Kept in a ref so toggleNote stays one function, and the parts that only call it never render again for a note.
  const openNotesNow = useRef(openNotes);
  useLayoutEffect(() => {
    openNotesNow.current = openNotes;
  }, [openNotes]);
  const toggleNote = useCallback((number: number) => (openNotesNow.current.has(number) ? closeNote(number) : openNote(number)), [openNote, closeNote]);

  const openSheet = useCallback((next: Exclude<AnnotationsSheet, null>) => {
    setOpenNotes((current) => (current.size === 0 ? current : new Set()));
    sheetRef.current = next;
    setSheet(next);
  }, []);
  // The sheet lies over the text, which has not moved: focus goes back to where it came from without scrolling.
  const returnFocus = useRef<HTMLElement | null>(null);
  const closeSheet = useCallback(() => {
    returnFocus.current = sheetRef.current?.returnTo ?? null;
    sheetRef.current = null;
    setSheet(null);
  }, []);
  // After the sheet has gone (the button that opened it is shown again).
  useLayoutEffect(() => {
    const target = returnFocus.current;
    if (sheet || !target?.isConnected) return;
    returnFocus.current = null;
    if (!target.hasAttribute('tabindex') && target.tabIndex < 0) target.tabIndex = -1;
    target.focus({ preventScroll: true });
  }, [sheet]);

  // `#fn-N` in the address opens note N, on load and when the hash changes, with its marker on the reading line.
  useEffect(() => {
    const openFromHash = () => {
      const number = noteFromHash(window.location.hash);
      const marker = number === null ? null : document.getElementById(`fn-ref-${number}`);
      if (number === null || !byNumber.has(number) || !marker) return;
      bringToReadingLine(marker);
      openNote(number);
    };
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, [byNumber, openNote]);

  useEffect(() => followVisualViewport(), []);

  const state = useMemo(
    () => ({ documentSlug, originalUrl, rights, sourceOptions, footnotes: byNumber, toggleNote, closeNote, takeMarkerAtOpening, sheet, openSheet, closeSheet, isLensOn, setLensOn }),
    [documentSlug, originalUrl, rights, sourceOptions, byNumber, toggleNote, closeNote, takeMarkerAtOpening, sheet, openSheet, closeSheet, isLensOn],
  );
  const notes = useMemo(() => ({ openNotes, focusRequest }), [openNotes, focusRequest]);
  return (
    <ReaderContext.Provider value={state}>
      <OpenNotesContext.Provider value={notes}>
        <div className={isLensOn ? 'reader-lens-on' : undefined}>{children}</div>
      </OpenNotesContext.Provider>
    </ReaderContext.Provider>
  );
}
