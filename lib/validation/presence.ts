import { z } from '@/lib/zod';

/** A presence heartbeat: which tab of the reader is open on which section, or that it is leaving. */
export const presenceSchema = z
  .object({
    tabId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'A tab id is 8 to 64 letters, digits or dashes.'),
    sectionSlug: z
      .string()
      .regex(/^[a-z0-9-]{1,120}$/, 'A section slug is lower-case letters, digits and dashes.')
      .nullable()
      .optional(),
    isLeaving: z.boolean().optional(),
  })
  .meta({ description: 'Sent every 15 s while the reader is visible, and with `isLeaving: true` on leaving.' });
