'use client';

import type { LineBox } from '@/lib/domain/sheet-placement';

/** The width from which the Annotations list sits beside the text (see .reader-layout in app/styles/reader.css). */
export const WIDE_LAYOUT_QUERY = '(min-width: 1100px)';

/** Whether the annotation list sits beside the text, so notes open in its column rather than as sheets. */
export function isWideLayout(): boolean {
  return window.matchMedia(WIDE_LAYOUT_QUERY).matches;
}

/**
 * Returns the vertical extent of the line `element` sits on, in viewport coordinates: the text boxes of its
 * paragraph that share the element's height, so a raised footnote number still gives its whole line.
 */
export function lineBoxOf(element: Element): LineBox {
  const rect = element.getBoundingClientRect();
  const block = element.closest('p, li, blockquote') ?? element.parentElement;
  let top = rect.top;
  let bottom = rect.bottom;
  if (block) {
    const range = document.createRange();
    range.selectNodeContents(block);
    const middle = (rect.top + rect.bottom) / 2;
    for (const box of range.getClientRects()) {
      if (box.height > 0 && box.top <= middle && box.bottom >= middle) {
        top = Math.min(top, box.top);
        bottom = Math.max(bottom, box.bottom);
      }
    }
  }
  return { top, bottom };
}

/** Scrolls the page (at once) so that `element` sits about a third of the way down the viewport. */
export function bringToReadingLine(element: Element): void {
  const rect = element.getBoundingClientRect();
  window.scrollTo({ top: window.scrollY + rect.top - window.innerHeight * 0.3, behavior: 'instant' });
}

// On a phone the on-screen keyboard shrinks the visual viewport, not the layout viewport that fixed sheets are
// placed in: these two properties let a sheet stand on the keyboard and fit above it.
function updateVisualViewport() {
  const viewport = window.visualViewport;
  if (!viewport) return;
  const keyboard = Math.max(0, window.innerHeight - viewport.height - viewport.offsetTop);
  document.documentElement.style.setProperty('--keyboard-inset', `${Math.round(keyboard)}px`);
  document.documentElement.style.setProperty('--visual-height', `${Math.round(viewport.height)}px`);
}

/** Keeps --keyboard-inset and --visual-height on the root up to date; returns the function that stops it. */
export function followVisualViewport(): () => void {
  const viewport = window.visualViewport;
  if (!viewport) return () => undefined;
  updateVisualViewport();
  viewport.addEventListener('resize', updateVisualViewport);
  viewport.addEventListener('scroll', updateVisualViewport);
  return () => {
    viewport.removeEventListener('resize', updateVisualViewport);
    viewport.removeEventListener('scroll', updateVisualViewport);
  };
}
