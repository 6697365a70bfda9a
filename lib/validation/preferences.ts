import { z } from '@/lib/zod';

/** The colour schemes a person may choose: follow the device, or always light or dark. */
export const COLOUR_SCHEMES = ['SYSTEM', 'LIGHT', 'DARK'] as const;

/** A colour scheme, as the header's toggle and the settings form send it. */
export type ColourSchemeName = (typeof COLOUR_SCHEMES)[number];

/** The header's toggle and the settings form: a colour scheme. */
export const colourSchemeSchema = z.enum(COLOUR_SCHEMES, { error: 'Choose a colour scheme: system, light or dark.' });

/** The settings form: whether single-key shortcuts are on. */
export const singleKeyShortcutsSchema = z.preprocess(
  (value) => (value === 'on' || value === 'true' ? true : value === 'off' || value === 'false' ? false : value),
  z.boolean({ error: 'Say whether single-key shortcuts should be on or off.' }),
);

/** The reader's `Colour highlights by` choice: what the reader colours highlights by. */
export const highlightColouringSchema = z.object({
  colouring: z.enum(['TAG', 'AUTHOR', 'NONE'], { error: 'Choose tag, author or none.' }),
});

/** How notifications reach a person by e-mail: one by one, once a day, or not at all. */
export const MAIL_DELIVERIES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;

/** One of MAIL_DELIVERIES. */
export type MailDeliveryName = (typeof MAIL_DELIVERIES)[number];

/** The settings form's `Email notifications` choice. */
export const mailDeliverySchema = z.object({
  delivery: z.enum(MAIL_DELIVERIES, { error: 'Choose each one, a daily digest, or none.' }),
});

/** The one-click unsubscribe link's query: whose mail, and the signature that proves the link is theirs. */
export const unsubscribeLinkSchema = z.object({
  user: z.uuid({ error: 'This unsubscribe link is not complete.' }),
  signature: z.string({ error: 'This unsubscribe link is not complete.' }).regex(/^[A-Za-z0-9_-]{43}$/, 'This unsubscribe link is not complete.'),
});
