'use client';

import { useEffect, useRef } from 'react';

// Escape closes the innermost open thing first, wherever focus is: a preview before a note or a sheet, and among
// those the one opened last. Every part of the reader that can be closed registers here, so the page has one
// Escape handler and new parts (keyboard shortcuts) join the same order instead of racing each other.

/** How deep a layer sits: a preview is closed before the note or sheet it appeared over. */
export type EscapeRank = 'preview' | 'panel';

/** What a layer does on Escape: close itself, or ask first (a composer with a draft). */
export type EscapeHandler = () => void;

type Layer = { rank: EscapeRank; order: number; handler: { current: EscapeHandler } };

const layers = new Set<Layer>();
let opened = 0;

const depth = (layer: Layer) => (layer.rank === 'preview' ? 1 : 0);

function innermost(): Layer | undefined {
  return [...layers].sort((a, b) => depth(b) - depth(a) || b.order - a.order)[0];
}

/** Closes the innermost open layer; returns whether there was one. For the keyboard shortcuts' own Escape. */
export function closeInnermostLayer(): boolean {
  const layer = innermost();
  if (!layer) return false;
  // The layer leaves the stack when its part closes (the effect below), not here: a kept draft stays innermost.
  layer.handler.current();
  return true;
}

function onKeyDown(event: KeyboardEvent) {
  // A native modal dialog, an open select or a field that handled Escape itself goes first.
  if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
  if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
  if (layers.size === 0) return;
  event.preventDefault();
  closeInnermostLayer();
}

/** Registers an open layer while `isOpen`: Escape anywhere on the page runs `onEscape` when it is the innermost. */
export function useEscapeLayer(isOpen: boolean, rank: EscapeRank, onEscape: EscapeHandler): void {
  const handler = useRef(onEscape);
  useEffect(() => {
    handler.current = onEscape;
  });
  useEffect(() => {
    if (!isOpen) return;
    const layer: Layer = { rank, order: ++opened, handler };
    if (layers.size === 0) document.addEventListener('keydown', onKeyDown);
    layers.add(layer);
    return () => {
      layers.delete(layer);
      if (layers.size === 0) document.removeEventListener('keydown', onKeyDown);
    };
  }, [isOpen, rank]);
}
