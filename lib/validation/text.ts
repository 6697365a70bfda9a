/** Whether `text` can be stored: PostgreSQL text and jsonb cannot hold U+0000, and the insert would fail with a 500. */
export const hasNoNulCharacter = (text: string): boolean => !text.includes('\u0000');

/** The message for text holding U+0000, naming the field it is in. */
export const nulCharacterMessage = (field: string): string => `The ${field} contains a NUL character (U+0000), which cannot be stored. Remove it and try again.`;
