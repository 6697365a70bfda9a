import { z } from 'zod';

const databaseUrlSchema = z
  .string({ error: 'DATABASE_URL is not set. Run the app with `npm start`, which starts a local database, or set DATABASE_URL to a PostgreSQL URL.' })
  .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL.');

/** Returns DATABASE_URL, or throws a message that says how to provide it. Server code only. */
export function getDatabaseUrl(): string {
  const parsed = databaseUrlSchema.safeParse(process.env.DATABASE_URL || undefined);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'DATABASE_URL is invalid.');
  return parsed.data;
}
