import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeBeside, placeSheet } from '@/lib/domain/sheet-placement';

const viewports = fc.integer({ min: 480, max: 1400 });
// A line of text somewhere in the viewport, 20 to 60 px tall.
const lineIn = (height: number) => fc.tuple(fc.integer({ min: 0, max: height - 60 }), fc.integer({ min: 20, max: 60 })).map(([top, size]) => ({ top, bottom: top + size }));

describe('placeSheet', () => {
  it('opens below a line in the middle of a phone screen, taking the room below it', () => {
    expect(placeSheet({ top: 380, bottom: 410 }, 812)).toEqual({ edge: 'bottom', height: 394 });
  });

  it('takes at most 60% of the viewport', () => {
    expect(placeSheet({ top: 40, bottom: 70 }, 812)).toEqual({ edge: 'bottom', height: 487 });
  });

  it('opens above a line that leaves less than a third of the viewport below it', () => {
    expect(placeSheet({ top: 700, bottom: 730 }, 812)).toEqual({ edge: 'top', height: 487 });
    expect(placeSheet({ top: 560, bottom: 590 }, 812).edge).toBe('top');
  });

  it('never covers its line and never leaves the viewport', () => {
    fc.assert(
      fc.property(viewports.chain((height) => fc.tuple(fc.constant(height), lineIn(height))), ([height, line]) => {
        const sheet = placeSheet(line, height);
        expect(sheet.height).toBeLessThanOrEqual(Math.round(height * 0.6));
        if (sheet.edge === 'bottom') expect(height - sheet.height).toBeGreaterThanOrEqual(line.bottom);
        else expect(sheet.height).toBeLessThanOrEqual(line.top);
      }),
    );
  });
});

describe('placeBeside', () => {
  it('aligns a note with its line when there is room below', () => {
    expect(placeBeside({ top: 300, bottom: 330 }, 800)).toEqual({ offset: 0, maxHeight: 492, height: null });
  });

  it('moves a note down only to clear one already open', () => {
    const placed = placeBeside({ top: 300, bottom: 330 }, 800, [{ top: 250, bottom: 420 }]);
    expect(placed.offset).toBe(128);
  });

  it('ends a note at its line, with a fixed height, near the bottom of the viewport', () => {
    const placed = placeBeside({ top: 700, bottom: 730 }, 800);
    expect(placed.height).toBe(480);
    expect(700 + placed.offset + (placed.height ?? 0)).toBe(730);
  });

  it('keeps a note inside the viewport wherever its line is', () => {
    fc.assert(
      fc.property(viewports.chain((height) => fc.tuple(fc.constant(height), lineIn(height))), ([height, line]) => {
        const placed = placeBeside(line, height);
        const top = line.top + placed.offset;
        expect(top).toBeGreaterThanOrEqual(0);
        expect(top + (placed.height ?? placed.maxHeight)).toBeLessThanOrEqual(height);
      }),
    );
  });
});
