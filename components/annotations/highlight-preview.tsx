'use client';

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useEscapeLayer } from '@/components/reader/escape-layers';
import { lineBoxOf } from '@/components/reader/reader-geometry';
import { BELOW_MIN_SHARE } from '@/lib/domain/sheet-placement';
import { annotationIdsOfMark } from './highlight-lookup';

/** A short view of an annotation, shown when its highlight is hovered or focused. */
export type PreviewItem = { author: string; excerpt: string; tags: string[] };

// Long enough to move the pointer from a highlight onto its preview (WCAG 1.4.13: hoverable).
const HIDE_DELAY_MS = 400;
const GAP = 6;

type Shown = { ids: string[]; mark: HTMLElement };

/** What the text reports to the preview: where the pointer and focus are. */
export type PreviewEvents = { pointerOver: (target: EventTarget | null) => void; pointerLeft: () => void; focusIn: (target: EventTarget | null) => void; focusOut: () => void; hide: () => void };

/**
 * The preview of the annotations over a highlight: it shows while the highlight is pointed at or focused, stays
 * while the pointer is on the preview itself, and Escape dismisses it without moving focus (WCAG 1.4.13). It opens
 * below the highlight's line, or above it when less than a third of the viewport is left below, like a note.
 */
export function useHighlightPreview(load: (id: string) => Promise<PreviewItem | null>): { events: PreviewEvents; preview: ReactNode } {
  const [shown, setShown] = useState<Shown | null>(null);
  const [items, setItems] = useState<ReadonlyMap<string, PreviewItem | null>>(new Map());
  const requested = useRef(new Set<string>());
  const hideTimer = useRef(0);
  const dismissed = useRef<Element | null>(null);
  const previewRef = useRef<HTMLDivElement>(null);

  const cancelHide = () => window.clearTimeout(hideTimer.current);
  const hide = () => {
    cancelHide();
    setShown(null);
  };
  const hideSoon = () => {
    cancelHide();
    hideTimer.current = window.setTimeout(() => setShown(null), HIDE_DELAY_MS);
  };

  function showFor(target: EventTarget | null) {
    const mark = target instanceof Element ? target.closest<HTMLElement>('mark.highlight') : null;
    if (mark !== dismissed.current) dismissed.current = null;
    if (!mark) return hideSoon();
    if (dismissed.current) return;
    cancelHide();
    const ids = annotationIdsOfMark(mark).slice(0, 3);
    setShown((current) => (current?.mark === mark ? current : { ids, mark }));
    const missing = ids.filter((id) => !requested.current.has(id));
    missing.forEach((id) => requested.current.add(id));
    if (missing.length === 0) return;
    void Promise.all(missing.map(async (id) => [id, await load(id)] as const)).then((fetched) => setItems((current) => new Map([...current, ...fetched])));
  }

  const isVisible = shown !== null && shown.ids.some((id) => items.get(id));
  useEscapeLayer(isVisible, 'preview', () => {
    dismissed.current = shown?.mark ?? null;
    hide();
  });

  useLayoutEffect(() => {
    const preview = previewRef.current;
    if (!preview || !shown) return;
    const line = lineBoxOf(shown.mark);
    const height = preview.offsetHeight;
    const width = preview.offsetWidth;
    const isBelow = window.innerHeight - line.bottom >= window.innerHeight * BELOW_MIN_SHARE || line.top - GAP < height;
    const top = isBelow ? line.bottom + GAP : line.top - GAP - height;
    const first = shown.mark.getClientRects()[0] ?? shown.mark.getBoundingClientRect();
    const left = Math.min(Math.max(8, first.left), window.innerWidth - width - 8);
    preview.style.top = `${Math.round(top + window.scrollY)}px`;
    preview.style.left = `${Math.round(Math.max(8, left) + window.scrollX)}px`;
  }, [shown, isVisible]);

  const preview =
    shown && isVisible ? (
      <div ref={previewRef} className="highlight-preview" role="tooltip" onMouseEnter={cancelHide} onMouseLeave={hideSoon}>
        {shown.ids.map((id) => {
          const item = items.get(id);
          return item ? (
            <p key={id} className="highlight-preview__item">
              <strong>{item.author}</strong>
              {item.tags.length > 0 && <span className="highlight-preview__tags"> · {item.tags.join(', ')}</span>}
              {item.excerpt && <span className="highlight-preview__excerpt"> {item.excerpt}</span>}
            </p>
          ) : null;
        })}
      </div>
    ) : null;

  return { events: { pointerOver: showFor, pointerLeft: hideSoon, focusIn: showFor, focusOut: hide, hide }, preview };
}
