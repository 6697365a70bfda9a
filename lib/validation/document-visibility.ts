import { z } from '@/lib/zod';

/** A document's visibility as the `Document visibility` choice sends it: the workspace only, or everyone. */
export const documentVisibilitySchema = z.object({
  visibility: z.enum(['PRIVATE', 'PUBLIC'], { message: 'Choose “Workspace only” or “Public”.' }),
});
