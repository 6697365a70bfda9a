import 'server-only';
import { getDb } from '@/lib/db';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import type { HighlightColouring } from '@/lib/domain/highlight-colours';
import { parseInput } from '@/lib/errors';
import { highlightColouringSchema } from '@/lib/validation/reader-preferences';

/** Returns what the viewer has the reader colour highlights by; by tag for visitors and by default. */
export async function getHighlightColouring(viewer: Viewer | null): Promise<HighlightColouring> {
  if (!viewer) return 'TAG';
  const user = await getDb().user.findUnique({ where: { id: viewer.id }, select: { highlightColouring: true } });
  return user?.highlightColouring ?? 'TAG';
}

/** Remembers what the signed-in viewer has highlights coloured by, on every device they sign in on. */
export async function updateHighlightColouring(viewer: Viewer | null, input: unknown): Promise<HighlightColouring> {
  const signedIn = requireViewer(viewer);
  const { colouring } = parseInput(highlightColouringSchema, input);
  await getDb().user.update({ where: { id: signedIn.id }, data: { highlightColouring: colouring } });
  return colouring;
}
