'use client';

import { placeBeside, placeSheet, type LineBox } from '@/lib/domain/sheet-placement';
import { isWideLayout, lineBoxOf } from './reader-geometry';

// A panel over the text is placed once, when it opens, from where its anchor is at that moment; afterwards it only
// follows its anchor (the article reflowing, the window resizing), so the reader never sees it jump on its own.

function originOf(panel: HTMLElement): { top: number; left: number } {
  const parent = panel.offsetParent;
  if (parent instanceof HTMLElement && getComputedStyle(parent).position !== 'static') {
    const rect = parent.getBoundingClientRect();
    return { top: rect.top + parent.clientTop, left: rect.left + parent.clientLeft };
  }
  return { top: -window.scrollY, left: -window.scrollX };
}

// The column the Annotations list takes beside the text; a note there may lie over the list.
function besideColumn(): { left: number; width: number } {
  const list = document.querySelector('.annotations-panel')?.getBoundingClientRect();
  if (list && list.width > 0) return { left: list.left + 12, width: list.width - 24 };
  const text = document.querySelector('.reader')?.getBoundingClientRect();
  return { left: (text?.right ?? window.innerWidth) + 16, width: 320 };
}

const boxOf = (element: Element): LineBox => {
  const rect = element.getBoundingClientRect();
  return { top: rect.top, bottom: rect.bottom };
};

/** A marker's line and the viewport's height, measured when its note was opened, before the panel went in. */
export type MarkerAtOpening = { line: LineBox; viewportHeight: number; isWide: boolean };

/** Measures `marker` for MarkerAtOpening; reading layout before the page changes costs nothing. */
export function measureMarker(marker: Element): MarkerAtOpening {
  return { line: lineBoxOf(marker), viewportHeight: window.innerHeight, isWide: isWideLayout() };
}

/**
 * Shows `panel` as a sheet over the text at the top or bottom of the viewport, leaving `anchor`'s line uncovered;
 * `measured` is that line when it was measured already. Reading either (even the viewport's height) after the panel
 * went in would make the browser lay the whole page out once more before it paints.
 */
export function placeAsSheet(panel: HTMLElement, anchor: Element, measured: MarkerAtOpening | null = null): void {
  const { line, viewportHeight } = measured ?? measureMarker(anchor);
  const placement = placeSheet(line, viewportHeight);
  panel.dataset.placement = 'sheet';
  panel.dataset.edge = placement.edge;
  panel.style.setProperty('--sheet-height', `${placement.height}px`);
  for (const property of ['top', 'left', 'width', 'max-height', 'height']) panel.style.removeProperty(property);
}

function placeBesideText(panel: HTMLElement, anchor: Element): () => void {
  const others = [...document.querySelectorAll('[data-placement="beside"]')].filter((other) => other !== panel).map(boxOf);
  const placement = placeBeside(lineBoxOf(anchor), window.innerHeight, others);
  panel.dataset.placement = 'beside';
  delete panel.dataset.edge;
  return () => {
    const line = lineBoxOf(anchor);
    const origin = originOf(panel);
    const column = besideColumn();
    panel.style.top = `${Math.round(line.top + placement.offset - origin.top)}px`;
    panel.style.left = `${Math.round(column.left - origin.left)}px`;
    panel.style.width = `${Math.round(column.width)}px`;
    panel.style.maxHeight = `${placement.maxHeight}px`;
    if (placement.height === null) panel.style.removeProperty('height');
    else panel.style.height = `${placement.height}px`;
  };
}

/**
 * Places `panel` for `anchor` (a footnote marker): beside the text in the list's column on a wide screen, as a
 * sheet on a narrow one. `openedAt` is the anchor measured before the panel went in, if it was: a sheet then takes
 * its place without the page being laid out first. Returns the function that stops it following its anchor.
 */
export function placeOverText(panel: HTMLElement, anchor: Element, openedAt: MarkerAtOpening | null = null): () => void {
  let isWide = openedAt?.isWide ?? isWideLayout();
  let follow = isWide ? placeBesideText(panel, anchor) : null;
  if (follow) follow();
  else placeAsSheet(panel, anchor, openedAt);

  const onResize = () => {
    if (isWide !== isWideLayout()) {
      isWide = !isWide;
      follow = isWide ? placeBesideText(panel, anchor) : null;
      if (!follow) placeAsSheet(panel, anchor);
    }
    follow?.();
  };
  const article = document.querySelector('.reader');
  const observer = typeof ResizeObserver === 'undefined' || !article ? null : new ResizeObserver(() => follow?.());
  if (article) observer?.observe(article);
  window.addEventListener('resize', onResize);
  return () => {
    observer?.disconnect();
    window.removeEventListener('resize', onResize);
  };
}
