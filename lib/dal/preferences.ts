import 'server-only';
import { cache } from 'react';
import { getDb, queryObjects } from '@/lib/db';
import { requireViewer, type Viewer } from '@/lib/dal/authorization';
import { parseInput } from '@/lib/errors';
import type { HighlightColouring } from '@/lib/domain/highlight-colours';
import { AppError } from '@/lib/errors';
import { isMailOn } from '@/lib/mail/config';
import { isUnsubscribeSignature } from '@/lib/mail/unsubscribe';
import {
  colourSchemeSchema,
  highlightColouringSchema,
  mailDeliverySchema,
  singleKeyShortcutsSchema,
  unsubscribeLinkSchema,
  type ColourSchemeName,
  type MailDeliveryName,
} from '@/lib/validation/preferences';

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

/** The viewer's e-mail setting, and whether this server sends mail at all (SMTP_URL). */
export type MailSettings = { delivery: MailDeliveryName; isMailOn: boolean };

/** Returns how the signed-in viewer's notifications reach them by e-mail. */
export async function getMailSettings(viewer: Viewer | null): Promise<MailSettings> {
  const signedIn = requireViewer(viewer);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: signedIn.id }, select: { mailDelivery: true } });
  return { delivery: user.mailDelivery, isMailOn: isMailOn() };
}

/** Chooses how the signed-in viewer's notifications reach them by e-mail: each one, a daily digest, or none. */
export async function updateMailDelivery(viewer: Viewer | null, input: unknown): Promise<MailDeliveryName> {
  const signedIn = requireViewer(viewer);
  const { delivery } = parseInput(mailDeliverySchema, input);
  await getDb().user.update({ where: { id: signedIn.id }, data: { mailDelivery: delivery } });
  return delivery;
}

/**
 * Turns notification mail off for the person a signed one-click unsubscribe link names (RFC 8058): mail clients
 * post it without a session. Throws NOT_FOUND for a link that is not signed for that person.
 */
export async function unsubscribeByLink(input: unknown): Promise<void> {
  const { user, signature } = parseInput(unsubscribeLinkSchema, input);
  if (!isUnsubscribeSignature(user, signature)) throw new AppError('NOT_FOUND', 'This unsubscribe link is not valid. Change your e-mail setting in Settings instead.');
  await getDb().user.updateMany({ where: { id: user }, data: { mailDelivery: 'OFF' } });
}
