'use client';

import { useEffect, type RefObject } from 'react';
import type { HighlightIndex } from '@/lib/domain/highlight-ranges';
import { annotationIdsOfMark } from './highlight-lookup';

/**
 * Beside the text, the Annotations list follows the reading: the first highlight on screen brings its card into view
 * (unless the reader moved the list themselves before `pausedUntil`), and cards whose highlights are on screen are
 * marked for the "only what is on screen" view. Runs again when a new highlight table comes.
 *
 * The text's blocks are watched, not each of its thousands of highlights: the browser works out every watched
 * element's intersection on each frame the page changes, which for every mark cost a phone a tenth of a second.
 */
export function useListFollowingTheReading(textRef: RefObject<HTMLElement | null>, highlightIndex: HighlightIndex | null, pausedUntil: RefObject<number>): void {
  useEffect(() => {
    const root = textRef.current;
    const panel = document.querySelector('.annotations-panel');
    if (!root || !panel || typeof IntersectionObserver === 'undefined') return;
    const blocksOnScreen = new Set<Element>();
    let frame = 0;
    const follow = () => {
      frame = 0;
      const height = window.innerHeight;
      const onScreen = [...blocksOnScreen]
        .flatMap((block) => [...block.querySelectorAll('mark.highlight')])
        .map((mark) => ({ mark, box: mark.getBoundingClientRect() }))
        .filter(({ box }) => box.bottom > 0 && box.top < height);
      // Marks the cards whose highlights are on screen, for the "only what is on screen" view.
      const visibleIds = new Set(onScreen.flatMap(({ mark }) => annotationIdsOfMark(mark)));
      panel.querySelectorAll<HTMLElement>('.thread > .thread__item > .annotation-card').forEach((card) => {
        card.toggleAttribute('data-on-screen', visibleIds.has(card.id.replace('annotation-', '')));
      });
      if (getComputedStyle(panel).position !== 'sticky' || Date.now() < pausedUntil.current) return;
      const first = onScreen.sort((a, b) => a.box.top - b.box.top)[0];
      const id = first ? annotationIdsOfMark(first.mark)[0] : undefined;
      const card = id ? document.getElementById(`annotation-${id}`) : null;
      if (!card) return;
      // Measured on screen: the card's offsetParent is whichever wrapper is positioned, rarely the list itself.
      const cardTop = panel.scrollTop + card.getBoundingClientRect().top - panel.getBoundingClientRect().top;
      panel.scrollTo({ top: Math.max(0, cardTop - 48), behavior: 'smooth' });
    };
    // Steps of a tenth, so a block taller than the screen still reports as it scrolls through.
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) blocksOnScreen.add(entry.target);
          else blocksOnScreen.delete(entry.target);
        }
        if (!frame) frame = requestAnimationFrame(follow);
      },
      { threshold: Array.from({ length: 11 }, (_, step) => step / 10) },
    );
    root.querySelectorAll('p, li, blockquote, h1, h2, h3, h4').forEach((block) => observer.observe(block));
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [textRef, highlightIndex, pausedUntil]);
}
