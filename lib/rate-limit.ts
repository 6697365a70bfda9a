import type { DatabaseClient } from '@/lib/db';

/** A fixed-window limit: at most `limit` events per `windowSeconds` for one key. */
export type RateLimit = { name: string; limit: number; windowSeconds: number };

/** Sign-up limits (sign-in has its own, lib/dal/sign-in-throttle.ts). A seminar or newsroom often shares one address. */
export const AUTH_LIMITS = {
  signUpPerIp: { name: 'sign-up-ip', limit: 100, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimit>;

/** The state of a key after counting: whether it is over its limit and when its window ends. */
export type RateLimitState = { isLimited: boolean; count: number; retryAfterSeconds: number };

type BucketRow = { count: number; resetAt: Date };

function toState(limit: RateLimit, row: BucketRow | undefined): RateLimitState {
  if (!row) return { isLimited: false, count: 0, retryAfterSeconds: 0 };
  const retryAfterSeconds = Math.max(1, Math.ceil((row.resetAt.getTime() - Date.now()) / 1000));
  return { isLimited: row.count > limit.limit, count: row.count, retryAfterSeconds };
}

/** Counts one event for `key` (atomically, across processes) and returns whether it went over the limit. */
export async function countRateLimitedEvent(db: DatabaseClient, limit: RateLimit, key: string): Promise<RateLimitState> {
  const bucket = `${limit.name}:${key}`;
  const rows = await db.$queryRaw<BucketRow[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt")
    VALUES (${bucket}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`;
  return toState(limit, rows[0]);
}

/** Returns whether `key` is already at its limit, without counting anything. */
export async function peekRateLimit(db: DatabaseClient, limit: RateLimit, key: string): Promise<RateLimitState> {
  const rows = await db.$queryRaw<BucketRow[]>`
    SELECT "count", "resetAt" FROM "RateLimitBucket" WHERE "key" = ${`${limit.name}:${key}`} AND "resetAt" > now()`;
  const state = toState(limit, rows[0]);
  return { ...state, isLimited: state.count >= limit.limit };
}

