'use client';

import { lazy, Suspense, useEffect, useLayoutEffect, useRef } from 'react';
import type { FootnotePanel as FootnotePanelData } from '@/lib/dal/documents';
import { safeHref } from '@/lib/format/verdicts';
import { useEscapeLayer } from './escape-layers';
import { placeOverText } from './panel-placement';
import { useOpenNotes, useReader } from './reader-state';

// A note's sources and the form to add one show only once its panel is opened (a click, or #fn-N after load), so
// their code is fetched then rather than with every reader's first load.
const SourceCard = lazy(() => import('@/components/sources/source-card').then((module) => ({ default: module.SourceCard })));
const AddSourceForm = lazy(() => import('@/components/sources/add-source-form').then((module) => ({ default: module.AddSourceForm })));

/**
 * The open notes of one paragraph, in the order their markers appear. They follow the paragraph in the page (and
 * so for screen readers) but take no room in it: each stands beside the text or as a sheet over it.
 */
export function FootnotePanels({ numbers }: { numbers: number[] }) {
  const { footnotes } = useReader();
  const { openNotes } = useOpenNotes();
  const open = numbers.filter((number) => openNotes.has(number));
  if (open.length === 0) return null;
  return (
    <div className="footnote-panels">
      {open.map((number) => {
        const footnote = footnotes.get(number);
        return footnote ? <FootnotePanel key={number} footnote={footnote} /> : null;
      })}
    </div>
  );
}

function FootnotePanel({ footnote }: { footnote: FootnotePanelData }) {
  const { closeNote, takeMarkerAtOpening, originalUrl, rights } = useReader();
  const { focusRequest } = useOpenNotes();
  const panelRef = useRef<HTMLElement>(null);
  const label = `Footnote ${footnote.number}`;
  const original = safeHref(originalUrl);
  const close = () => closeNote(footnote.number);

  // Placed before the first paint, from where its marker is now: nothing in the text moves, nothing scrolls.
  useLayoutEffect(() => {
    const panel = panelRef.current;
    const marker = document.getElementById(`fn-ref-${footnote.number}`);
    if (!panel || !marker) return;
    return placeOverText(panel, marker, takeMarkerAtOpening(footnote.number));
  }, [footnote.number, takeMarkerAtOpening]);

  useEffect(() => {
    if (focusRequest !== footnote.number || !panelRef.current) return;
    panelRef.current.focus({ preventScroll: true });
  }, [focusRequest, footnote.number]);

  useEscapeLayer(true, 'panel', close);

  return (
    <section id={`fn-${footnote.number}`} ref={panelRef} className="footnote-panel" aria-label={label} tabIndex={-1}>
      <header className="footnote-panel__header">
        <span className="footnote-panel__number">Note {footnote.number}</span>
        <button type="button" className="button button--small button--quiet footnote-panel__back" onClick={close}>
          Back to text
        </button>
        <button type="button" className="footnote-panel__close" aria-label={`Close footnote ${footnote.number}`} onClick={close}>
          ×
        </button>
      </header>
      {footnote.noteText ? (
        <p className="footnote-panel__text">{footnote.noteText}</p>
      ) : (
        <p className="footnote-panel__missing">
          This copy of the document does not include the text of note {footnote.number}.{' '}
          {original && (
            <a href={original} target="_blank" rel="noopener noreferrer nofollow">
              Read it in the original publication<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          )}
        </p>
      )}
      {footnote.citingSentences.length > 0 && (
        <div className="footnote-panel__claims">
          <p className="footnote-panel__label">{footnote.citingSentences.length === 1 ? 'Cited by this sentence' : 'Cited by these sentences'}</p>
          {footnote.citingSentences.map((sentence) => (
            <blockquote key={sentence} className="footnote-panel__claim">
              {sentence.replace(/\s*\[\d+\]/g, '')}
            </blockquote>
          ))}
        </div>
      )}
      <div className="footnote-panel__sources">
        <p className="footnote-panel__label">
          {footnote.sources.length === 0 ? 'No source attached yet.' : `Sources (${footnote.sources.length})`}
        </p>
        <Suspense fallback={null}>
          {footnote.sources.length > 0 && (
            <ul className="source-list">
              {footnote.sources.map((source) => (
                <li key={source.id}>
                  <SourceCard source={source} canSetVerdict={rights.canSetVerdicts} footnoteNumber={footnote.number} />
                </li>
              ))}
            </ul>
          )}
          {rights.canProposeSources && <AddSourceForm footnoteNumber={footnote.number} />}
        </Suspense>
      </div>
    </section>
  );
}
