import { z } from '@/lib/zod';
import { hasNoNulCharacter, nulCharacterMessage } from '@/lib/validation/text';

/** Editing a tag of the vocabulary: its name as shown, its colour and what it means for the team. */
export const updateTagSchema = z.object({
  label: z.string({ error: 'Name the tag.' }).trim().min(1, 'Name the tag.').max(40, 'A tag can be at most 40 characters.').refine(hasNoNulCharacter, nulCharacterMessage('tag')),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Choose a colour.'),
  description: z.string().trim().max(300, 'Keep the description under 300 characters.').refine(hasNoNulCharacter, nulCharacterMessage('description')).default(''),
});

/** The tags a new workspace starts with, for claim work; all editable. */
export const STARTER_VOCABULARY: ReadonlyArray<{ label: string; description: string }> = [
  { label: 'claim', description: 'An assertion the text makes and the team should check.' },
  { label: 'statistic', description: 'A figure, count or percentage.' },
  { label: 'prediction', description: 'A statement about what will happen.' },
  { label: 'actor', description: 'A person, group or state acting in the text; use actor:Name for one in particular.' },
  { label: 'disputed', description: 'The team, or other sources, disagree with this.' },
  { label: 'needs-source', description: 'No source given, or the note does not support it.' },
];
