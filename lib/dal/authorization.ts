import 'server-only';
import { AppError } from '@/lib/errors';

/** The signed-in person acting, as the data layer sees them; null for a visitor. */
export type Viewer = { id: string; name: string; email: string };

// Kept here for the callers that compare roles directly; the rule lives in lib/domain/permissions.ts.
export { hasRole } from '@/lib/domain/permissions';

/** Throws UNAUTHENTICATED for a visitor; returns the viewer otherwise. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in to do that.');
  return viewer;
}
