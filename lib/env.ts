import { z } from '@/lib/zod';

const databaseUrlSchema = z
  .string({ error: 'DATABASE_URL is not set. Run the app with `npm start`, which starts a local database, or set DATABASE_URL to a PostgreSQL URL.' })
  .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL.');

/** Returns DATABASE_URL, or throws a message that says how to provide it. Server code only. */
export function getDatabaseUrl(): string {
  const parsed = databaseUrlSchema.safeParse(process.env.DATABASE_URL || undefined);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'DATABASE_URL is invalid.');
  return parsed.data;
}

/** Returns the secret that signs session tokens; throws in production when it is missing or short. */
export function getAuthSecret(): string {
  const secret = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (secret && secret.length >= 32) return secret;
  throw new Error(
    secret
      ? 'AUTH_SECRET is too short: use at least 32 random characters (for example `openssl rand -base64 32`).'
      : 'AUTH_SECRET is not set. Production needs a secret of at least 32 random characters (for example `openssl rand -base64 32`). `npm start` generates one for local use.',
  );
}

/** Whether OAuth sign-in with GitHub is configured (GITHUB_ID and GITHUB_SECRET). */
export function getGithubOAuth(): { clientId: string; clientSecret: string } | null {
  const clientId = process.env.GITHUB_ID;
  const clientSecret = process.env.GITHUB_SECRET;
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

/** Returns the app's public origin from NEXTAUTH_URL (`https://marginalia.example`), or null when it is unset or not an http(s) URL. */
export function getPublicOrigin(): string | null {
  const configured = process.env.NEXTAUTH_URL;
  if (!configured) return null;
  try {
    const url = new URL(configured);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Requests per minute one API caller (token, person or address) may make; 0 turns the limit off. Default 600. */
export function getApiRateLimitPerMinute(): number {
  const configured = process.env.API_RATE_LIMIT_PER_MINUTE;
  if (configured === undefined || configured.trim() === '') return 600;
  const value = Number(configured);
  if (!Number.isInteger(value) || value < 0) throw new Error('API_RATE_LIMIT_PER_MINUTE must be a whole number of requests per minute (0 turns the limit off).');
  return value;
}
