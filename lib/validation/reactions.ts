import { z } from '@/lib/zod';
import { REACTION_KINDS } from '@/lib/domain/reactions';

/** A click on a reaction: which one (a second click of the same takes it back). */
export const toggleReactionSchema = z.object({
  kind: z.enum(REACTION_KINDS, { error: 'Choose agree, disagree, question or important.' }),
});
