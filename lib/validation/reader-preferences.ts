import { z } from '@/lib/zod';

/** Choosing what the reader colours highlights by. */
export const highlightColouringSchema = z.object({
  colouring: z.enum(['TAG', 'AUTHOR', 'NONE'], { error: 'Choose tag, author or none.' }),
});
