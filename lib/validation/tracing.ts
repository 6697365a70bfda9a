import { z } from '@/lib/zod';
import { TRACING_STATUSES } from '@/lib/domain/tracing';

const blankToNull = (value: unknown) => (value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value);
const noControlCharacters = (text: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);

/** A note's tracing status and assignee (blank for nobody), with an optional reason. */
export const noteTracingSchema = z.object({
  status: z.enum(TRACING_STATUSES, { error: 'Choose a status.' }),
  assigneeId: z.preprocess(blankToNull, z.uuid('Choose a member of the workspace.').nullable()),
  reason: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(1000, 'Keep the reason under 1000 characters.').refine(noControlCharacters, 'The reason cannot contain control characters.').optional(),
  ),
});
