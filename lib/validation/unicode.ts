import { z } from '@/lib/zod';
import { findForbiddenCharacter, forbiddenCharacterMessage } from '@/lib/domain/unicode';

/**
 * Wraps a string schema so that it refuses what findForbiddenCharacter finds (naming `field` and the character in the
 * message) and yields the text in NFC. `isName` for names and tags; titles keep invisible characters.
 */
export function hygienic<Output extends string>(schema: z.ZodType<Output, string>, field: string, { isName }: { isName: boolean }) {
  return schema
    .superRefine((text, context) => {
      const character = findForbiddenCharacter(text, { isName });
      if (character !== null) context.addIssue({ code: 'custom', message: forbiddenCharacterMessage(field, character) });
    })
    .transform((text) => text.normalize('NFC'));
}
