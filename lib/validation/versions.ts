import { z } from '@/lib/zod';

const versionNumberSchema = z.coerce.number().int().min(1).max(1_000_000);

/** Reads a version number from an address (`3`); null for anything that is not a whole number from 1 up. */
export function readVersionNumber(value: string | string[] | undefined): number | null {
  if (typeof value !== 'string' || !/^\d{1,7}$/u.test(value)) return null;
  const parsed = versionNumberSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
