import 'server-only';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { getDatabasePool } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { describeWait } from '@/lib/format/durations';
import { emailSchema } from '@/lib/validation/accounts';

// The login-protection pattern of rate-limiter-flexible, on PostgreSQL (table "SignInThrottle", made by a migration).
// Failures count per account and address together, and per address. Nothing counts per account alone, so a storm of
// wrong passwords from elsewhere never stops the owner signing in from their own address.

/** Failed sign-ins one address may make for one account; the last of them starts a wait. A success clears them. */
export const FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
/** Failed sign-ins one address may make in an hour, whatever the accounts; the last of them starts a wait. */
export const FAILURES_PER_ADDRESS = 50;
// Each wait after the first is twice the last (backoff), from 30 s up to an hour; a day without a block forgets them.
const FIRST_WAIT_SECONDS = 30;
const LONGEST_WAIT_SECONDS = 60 * 60;
const STRIKE_MEMORY_SECONDS = 24 * 60 * 60;

type Limiters = { byAccountAndAddress: RateLimiterPostgres; byAddress: RateLimiterPostgres; strikes: RateLimiterPostgres; resetsByAccountAndAddress: RateLimiterPostgres; resetsByAddress: RateLimiterPostgres };

const globalForThrottle = globalThis as unknown as { marginaliaSignInLimiters?: Limiters };

function limiters(): Limiters {
  const make = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterPostgres({ storeClient: getDatabasePool(), storeType: 'pool', tableName: 'SignInThrottle', tableCreated: true, keyPrefix, points, duration });
  globalForThrottle.marginaliaSignInLimiters ??= {
    byAccountAndAddress: make('sign-in-account-address', FAILURES_PER_ACCOUNT_AND_ADDRESS, 60 * 60),
    byAddress: make('sign-in-address', FAILURES_PER_ADDRESS, 60 * 60),
    strikes: make('sign-in-strikes', 1_000_000, STRIKE_MEMORY_SECONDS),
    resetsByAccountAndAddress: make('password-reset-account-address', FAILURES_PER_ACCOUNT_AND_ADDRESS, 60 * 60),
    resetsByAddress: make('password-reset-address', FAILURES_PER_ADDRESS, 60 * 60),
  };
  return globalForThrottle.marginaliaSignInLimiters;
}

function keysOf(rawEmail: string, clientAddress: string): { pair: string | null; address: string } {
  const email = emailSchema.safeParse(rawEmail);
  return { pair: email.success ? `${email.data}|${clientAddress}` : null, address: clientAddress };
}

function waitOf(limit: number, state: RateLimiterRes | null): number {
  return state !== null && state.consumedPoints > limit ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : 0;
}

/** Throws RATE_LIMITED (with the wait) when this address must wait before trying this account again, or any account. */
export async function checkSignInAllowed(rawEmail: string, clientAddress: string): Promise<void> {
  const { byAccountAndAddress, byAddress } = limiters();
  const { pair, address } = keysOf(rawEmail, clientAddress);
  const [pairState, addressState] = await Promise.all([pair === null ? null : byAccountAndAddress.get(pair), byAddress.get(address)]);
  const addressWait = waitOf(FAILURES_PER_ADDRESS, addressState);
  if (addressWait > 0) {
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins from your network. Try again in ${describeWait(addressWait)}.`, { retryAfterSeconds: addressWait });
  }
  const pairWait = waitOf(FAILURES_PER_ACCOUNT_AND_ADDRESS, pairState);
  if (pairWait > 0) {
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins for this email. Try again in ${describeWait(pairWait)}.`, { retryAfterSeconds: pairWait });
  }
}

// Counts one failure against `key`. The failure that reaches the limit, and any failure soon after a wait ended,
// makes the key wait: twice as long as its last wait (backoff).
async function countFailure(limiter: RateLimiterPostgres, key: string): Promise<void> {
  const { strikes } = limiters();
  const strikeKey = `${limiter.keyPrefix}:${key}`;
  const [counted, previous] = await Promise.all([
    limiter.consume(key).catch((rejection: unknown) => (isLimiterAnswer(rejection) ? (rejection as RateLimiterRes) : Promise.reject(rejection))),
    strikes.get(strikeKey),
  ]);
  if (counted.consumedPoints < limiter.points && (previous?.consumedPoints ?? 0) === 0) return;
  const strike = await strikes.penalty(strikeKey, 1);
  const seconds = Math.min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (strike.consumedPoints - 1));
  await limiter.block(key, seconds);
}

function isLimiterAnswer(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'msBeforeNext' in value;
}

/** Records a failed sign-in from `clientAddress` for `rawEmail` (known or not). */
export async function recordFailedSignIn(rawEmail: string, clientAddress: string): Promise<void> {
  const { byAccountAndAddress, byAddress } = limiters();
  const { pair, address } = keysOf(rawEmail, clientAddress);
  await Promise.all([pair === null ? undefined : countFailure(byAccountAndAddress, pair), countFailure(byAddress, address)]);
}

/** Forgets the failures of this account from this address after a successful sign-in. */
export async function recordSuccessfulSignIn(rawEmail: string, clientAddress: string): Promise<void> {
  const { byAccountAndAddress, strikes } = limiters();
  const { pair } = keysOf(rawEmail, clientAddress);
  if (pair === null) return;
  await Promise.all([byAccountAndAddress.delete(pair), strikes.delete(`${byAccountAndAddress.keyPrefix}:${pair}`)]);
}

/**
 * Counts one password-reset request from `clientAddress` for `rawEmail` (known or not), on the same limits and table
 * as failed sign-ins: 5 an hour per address and account, 50 an hour per address. Throws RATE_LIMITED past them.
 */
export async function countPasswordResetRequest(rawEmail: string, clientAddress: string): Promise<void> {
  const { resetsByAccountAndAddress, resetsByAddress } = limiters();
  const { pair, address } = keysOf(rawEmail, clientAddress);
  const consume = (limiter: RateLimiterPostgres, key: string) =>
    limiter.consume(key).catch((rejection: unknown) => (isLimiterAnswer(rejection) ? (rejection as RateLimiterRes) : Promise.reject(rejection)));
  const [addressState, pairState] = await Promise.all([consume(resetsByAddress, address), pair === null ? null : consume(resetsByAccountAndAddress, pair)]);
  const wait = Math.max(waitOf(FAILURES_PER_ADDRESS, addressState), waitOf(FAILURES_PER_ACCOUNT_AND_ADDRESS, pairState));
  if (wait > 0) throw new AppError('RATE_LIMITED', `Too many reset requests. Try again in ${describeWait(wait)}.`, { retryAfterSeconds: wait });
}
