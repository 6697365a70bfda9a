'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FootnotePanel } from '@/lib/dal/documents';
import type { SourceOption, SourceRights } from '@/lib/dal/sources';

type ReaderState = {
  documentSlug: string;
  originalUrl: string | null;
  rights: SourceRights;
  sourceOptions: SourceOption[];
  footnotes: ReadonlyMap<number, FootnotePanel>;
  openNotes: ReadonlySet<number>;
  /** The note whose panel should take focus once it renders (opened by the reader, not by a re-render). */
  focusRequest: number | null;
  toggleNote: (number: number) => void;
  closeNote: (number: number) => void;
  isLensOn: boolean;
  setLensOn: (isOn: boolean) => void;
};

const ReaderContext = createContext<ReaderState | null>(null);

/** Returns the reader's shared state; only inside DocumentReaderProvider. */
export function useReader(): ReaderState {
  const state = useContext(ReaderContext);
  if (!state) throw new Error('useReader outside DocumentReaderProvider');
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

/** Holds what the reader's interactive parts share: which notes are open and whether the citation lens is on. */
export function DocumentReaderProvider({ documentSlug, originalUrl, rights, sourceOptions, footnotes, children }: ProviderProps) {
  const [openNotes, setOpenNotes] = useState<ReadonlySet<number>>(new Set());
  const [focusRequest, setFocusRequest] = useState<number | null>(null);
  const [isLensOn, setLensOn] = useState(false);
  const byNumber = useMemo(() => new Map(footnotes.map((footnote) => [footnote.number, footnote])), [footnotes]);

  const toggleNote = useCallback(
    (number: number) => {
      const next = new Set(openNotes);
      if (next.has(number)) next.delete(number);
      else next.add(number);
      setOpenNotes(next);
      setFocusRequest(next.has(number) ? number : null);
    },
    [openNotes],
  );

  const closeNote = useCallback((number: number) => {
    setOpenNotes((current) => {
      const next = new Set(current);
      next.delete(number);
      return next;
    });
    document.getElementById(`fn-ref-${number}`)?.focus();
  }, []);

  // `#fn-N` in the address opens note N, on load and when the hash changes.
  useEffect(() => {
    const openFromHash = () => {
      const number = noteFromHash(window.location.hash);
      if (number === null || !byNumber.has(number)) return;
      setOpenNotes((current) => new Set(current).add(number));
      setFocusRequest(number);
    };
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, [byNumber]);

  const state = useMemo(
    () => ({ documentSlug, originalUrl, rights, sourceOptions, footnotes: byNumber, openNotes, focusRequest, toggleNote, closeNote, isLensOn, setLensOn }),
    [documentSlug, originalUrl, rights, sourceOptions, byNumber, openNotes, focusRequest, toggleNote, closeNote, isLensOn],
  );
  return (
    <ReaderContext.Provider value={state}>
      <div className={isLensOn ? 'reader-lens-on' : undefined}>{children}</div>
    </ReaderContext.Provider>
  );
}
