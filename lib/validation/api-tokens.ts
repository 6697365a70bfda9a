import { z } from '@/lib/zod';

/** The new-token form in settings. */
export const createApiTokenSchema = z.object({
  name: z
    .string({ error: 'Name the token after what will use it.' })
    .trim()
    .min(1, 'Name the token after what will use it, such as “Zotero sync”.')
    .max(80, 'Keep the name under 80 characters.')
    .refine((name) => !/[\p{Cc}]/u.test(name), 'The name cannot contain control characters.'),
  workspaceSlug: z.string({ error: 'Choose the workspace the token works in.' }).trim().min(1, 'Choose the workspace the token works in.'),
  canWrite: z.preprocess((value) => value === true || value === 'true' || value === 'on' || value === 'write', z.boolean()),
});
