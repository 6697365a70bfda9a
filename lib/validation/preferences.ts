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
