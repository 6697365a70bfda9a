import { z } from '@/lib/zod';

/** The import form's fields besides the file: the format (detected when `auto`) and pasted JSON. */
export const importAnnotationsFormSchema = z.object({
  format: z.enum(['auto', 'w3c', 'hypothesis']).catch('auto'),
  pasted: z.string().catch(''),
});
