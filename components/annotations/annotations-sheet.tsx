'use client';

import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { placeSheet } from '@/lib/domain/sheet-placement';
import { useEscapeLayer } from '@/components/reader/escape-layers';
import { lineBoxOf } from '@/components/reader/reader-geometry';
import { useReader } from '@/components/reader/reader-state';

const LIST_SHARE = 0.88;

/**
 * The Annotations list's place on the page. Beside the text (a wide screen) it is just the list. On a narrow
 * screen the list is a sheet over the text: one thread when its highlight is tapped, or all of them from the
 * `Annotations` button; closing it leaves the reader where they were.
 */
export function AnnotationsSheet({ children }: { children: ReactNode }) {
  const { sheet, openSheet, closeSheet } = useReader();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    const wrapper = wrapperRef.current;
    const panel = wrapper?.querySelector<HTMLElement>('.annotations-panel');
    if (!wrapper || !panel || !sheet) return;
    const card = sheet.kind === 'thread' ? document.getElementById(`annotation-${sheet.annotationId}`) : null;
    const thread = card?.closest<HTMLElement>('.thread__item:not(.thread__replies .thread__item)') ?? null;
    thread?.setAttribute('data-sheet-thread', '');
    const placement = sheet.kind === 'thread' ? placeSheet(lineBoxOf(sheet.anchor), window.innerHeight) : { edge: 'bottom', height: Math.round(window.innerHeight * LIST_SHARE) };
    wrapper.dataset.edge = placement.edge;
    wrapper.style.setProperty('--sheet-height', `${placement.height}px`);
    panel.scrollTop = 0;
    panel.tabIndex = -1;
    (card ?? panel).focus({ preventScroll: true });
    return () => {
      thread?.removeAttribute('data-sheet-thread');
      delete wrapper.dataset.edge;
    };
  }, [sheet]);

  useEscapeLayer(sheet !== null, 'panel', closeSheet);

  // The button floats over the text's bottom corner; it steps aside while a heading passes under it.
  useEffect(() => {
    const button = buttonRef.current;
    if (!button || typeof IntersectionObserver === 'undefined') return;
    let observer: IntersectionObserver | null = null;
    const watch = () => {
      observer?.disconnect();
      const under = new Set<Element>();
      observer = new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (entry.isIntersecting) under.add(entry.target);
            else under.delete(entry.target);
          }
          button.toggleAttribute('data-aside', under.size > 0);
        },
        { rootMargin: `-${Math.max(0, window.innerHeight - 80)}px 0px 0px 0px` },
      );
      document.querySelectorAll('.reader h1, .reader h2, .reader h3').forEach((heading) => observer?.observe(heading));
    };
    watch();
    window.addEventListener('resize', watch);
    return () => {
      window.removeEventListener('resize', watch);
      observer?.disconnect();
    };
  }, []);

  return (
    <div ref={wrapperRef} className="annotations-sheet" data-sheet={sheet?.kind}>
      <button ref={buttonRef} type="button" className="annotations-sheet__open" hidden={sheet !== null} onClick={(event) => openSheet({ kind: 'list', returnTo: event.currentTarget })}>
        Annotations
      </button>
      {sheet && (
        <div className="annotations-sheet__bar">
          {sheet.kind === 'thread' && (
            <button type="button" className="button button--small" onClick={() => openSheet({ kind: 'list', returnTo: sheet.returnTo })}>
              All annotations
            </button>
          )}
          <button type="button" className="button button--small annotations-sheet__back" onClick={closeSheet}>
            Back to text
          </button>
        </div>
      )}
      {children}
    </div>
  );
}
