import { z } from '@/lib/zod';
import { linkKindOfName, type LinkKind } from '@/lib/domain/annotation-links';
import { hasNoNulCharacter, nulCharacterMessage } from '@/lib/validation/text';
import { hygienic } from '@/lib/validation/unicode';

/** Longest reason a link may give, in characters. */
export const MAX_LINK_REASON_LENGTH = 1_000;

const kind = z
  .string({ error: 'Choose a link type.' })
  .transform((value, context): LinkKind => {
    const found = linkKindOfName(value);
    if (found === null) {
      context.addIssue({ code: 'custom', message: 'Choose a link type: supports, contradicts, same claim as or answers.' });
      return z.NEVER;
    }
    return found;
  });

const reason = hygienic(
  z
    .string()
    .trim()
    .max(MAX_LINK_REASON_LENGTH, `Keep the reason under ${MAX_LINK_REASON_LENGTH.toLocaleString('en')} characters.`)
    .refine(hasNoNulCharacter, nulCharacterMessage('reason')),
  'reason',
  { isName: false },
);

/** A new link from one annotation to another, of one kind, with an optional reason. */
export const createAnnotationLinkSchema = z
  .object({
    fromId: z.uuid('Choose the annotation the link starts from.'),
    toId: z.uuid('Choose the annotation to link to.'),
    kind,
    reason: reason.optional().transform((text) => (text ? text : undefined)),
  })
  .refine((link) => link.fromId !== link.toId, { message: 'An annotation cannot be linked to itself; choose another one.', path: ['toId'] });

/** What the Link… form searches: words of a quote or comment, in this document or in all of the workspace's. */
export const linkCandidatesQuerySchema = z.object({
  q: z.string().trim().max(200, 'Search with fewer words (at most 200 characters).').refine(hasNoNulCharacter, nulCharacterMessage('search')).default(''),
  scope: z.enum(['document', 'workspace'], { error: 'Search this document or the whole workspace.' }).default('document'),
  exclude: z.uuid().optional(),
});
