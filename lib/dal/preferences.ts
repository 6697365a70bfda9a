import 'server-only';
import { cache } from 'react';
import { getDb, queryObjects } from '@/lib/db';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { parseInput } from '@/lib/errors';
import type { HighlightColouring } from '@/lib/domain/highlight-colours';
import { colourSchemeSchema, highlightColouringSchema, singleKeyShortcutsSchema, type ColourSchemeName } from '@/lib/validation/preferences';

/** How a person likes every page: its colour scheme, whether single-key shortcuts are on, what the reader colours highlights by. */
export type ViewerPreferences = { colourScheme: ColourSchemeName; hasSingleKeyShortcuts: boolean; highlightColouring: HighlightColouring };

/** What a visitor and a new account get: the device's colour scheme, shortcuts on, highlights coloured by tag. */
export const DEFAULT_PREFERENCES: ViewerPreferences = { colourScheme: 'SYSTEM', hasSingleKeyShortcuts: true, highlightColouring: 'TAG' };

/** Returns the viewer's own preferences (defaults for a visitor); read once per request, as every page's layout asks. */
export const getViewerPreferences = cache(async (viewer: Viewer | null): Promise<ViewerPreferences> => {
  if (!viewer) return DEFAULT_PREFERENCES;
  const [row] = await queryObjects<ViewerPreferences>('SELECT "colourScheme"::text AS "colourScheme", "hasSingleKeyShortcuts", "highlightColouring"::text AS "highlightColouring" FROM "User" WHERE "id" = $1::uuid', [viewer.id]);
  return row ?? DEFAULT_PREFERENCES;
});

/** Stores the signed-in viewer's colour scheme; returns it. A visitor's is kept only in their browser (see the action). */
export async function updateColourScheme(viewer: Viewer | null, input: unknown): Promise<ColourSchemeName> {
  const scheme = parseInput(colourSchemeSchema, input);
  if (viewer) await getDb().user.update({ where: { id: viewer.id }, data: { colourScheme: scheme } });
  return scheme;
}

/** Turns the signed-in viewer's single-key shortcuts on or off; returns the new setting. */
export async function updateSingleKeyShortcuts(viewer: Viewer | null, input: unknown): Promise<boolean> {
  const signedIn = requireViewer(viewer);
  const isOn = parseInput(singleKeyShortcutsSchema, input);
  await getDb().user.update({ where: { id: signedIn.id }, data: { hasSingleKeyShortcuts: isOn } });
  return isOn;
}

/** Remembers what the signed-in viewer has highlights coloured by, on every device they sign in on. */
export async function updateHighlightColouring(viewer: Viewer | null, input: unknown): Promise<HighlightColouring> {
  const signedIn = requireViewer(viewer);
  const { colouring } = parseInput(highlightColouringSchema, input);
  await getDb().user.update({ where: { id: signedIn.id }, data: { highlightColouring: colouring } });
  return colouring;
}
