import { z } from '@/lib/zod';
import type { ErrorBody } from '@/lib/validation/api-responses';

/** The kinds of failure a caller may expect and show to a person. */
export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_INPUT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'GONE'
  | 'UNAVAILABLE';

/** Messages per field, as forms show them next to the field. */
export type FieldErrors = Record<string, string[]>;

/** HTTP status of each error code; the one table route handlers answer from. */
export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  GONE: 410,
  UNAVAILABLE: 503,
};

/** Seconds a client is asked to wait (Retry-After) while the database is away; a restart usually takes a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// node-postgres socket errors, Prisma's connection error codes, and the SQLSTATEs of a server that is shutting down,
// starting up or has cut the connection (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx).
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'P1001', 'P1002', 'P1008', 'P1017', 'P2024', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|Can't reach database server|Server has closed the connection|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|timeout exceeded when trying to connect|Connection terminated due to connection timeout/iu;

/** Whether `error` (or any error in its cause chain) says the database cannot be reached right now, rather than that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const candidate = current as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof candidate.code === 'string' && UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.kind === 'string' && UNAVAILABLE_KINDS.has(candidate.kind)) return true;
    if (typeof candidate.originalCode === 'string' && UNAVAILABLE_CODES.has(candidate.originalCode)) return true;
    if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGE.test(candidate.message)) return true;
    current = candidate.cause ?? candidate.meta?.driverAdapterError;
  }
  return false;
}

/** The failure shown when the database is away: 503 with a Retry-After, and nothing was changed. */
export function databaseUnavailableError(): AppError {
  return new AppError('UNAVAILABLE', 'Marginalia is temporarily unavailable while its database reconnects. Nothing was changed; try again in a few seconds.', {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}

/** An expected failure with a message fit to show the person who caused it. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(code: AppErrorCode, message: string, options: { fieldErrors?: FieldErrors; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** What a server action returns: its value, or an error to show beside the form and its fields. */
export type ActionResult<T = void> =
  | { ok: true; value: T }
  | { ok: false; code: AppErrorCode | 'INTERNAL'; error: string; fieldErrors?: FieldErrors };

/** Turns a zod error into one message per field (the first of each). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'form';
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** Parses `input` with `schema`, or throws INVALID_INPUT with field messages. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', 'Some fields need another look.', { fieldErrors: fieldErrorsOf(parsed.error) });
  }
  return parsed.data;
}

/** Runs an action body and turns expected failures into values; unexpected ones are logged, never echoed. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors };
    // Next.js signals redirects and not-found by throwing; they must pass through.
    if (isNextControlFlow(error)) throw error;
    if (isDatabaseUnavailable(error)) {
      const unavailable = databaseUnavailableError();
      return { ok: false, code: unavailable.code, error: unavailable.message };
    }
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[action ${reference}]`, error);
    return { ok: false, code: 'INTERNAL', error: `Something went wrong on our side (reference ${reference}). Nothing was changed; try again.` };
  }
}

/**
 * Builds the JSON response for a failure in a route handler; unknown errors become a generic 500, logged under
 * `reference` (the request id when the route has one) so a person quoting it can be found in the logs.
 */
export function errorResponse(thrown: unknown, reference: string = crypto.randomUUID().slice(0, 8)): Response {
  const error = !(thrown instanceof AppError) && isDatabaseUnavailable(thrown) ? databaseUnavailableError() : thrown;
  if (error instanceof AppError) {
    const headers = new Headers({ 'Cache-Control': 'no-store' });
    if (error.retryAfterSeconds !== undefined) headers.set('Retry-After', String(error.retryAfterSeconds));
    // RFC 9110 asks a 401 to name the scheme that would work: an API token, or the session cookie behind it.
    if (error.code === 'UNAUTHENTICATED') headers.set('WWW-Authenticate', 'Bearer realm="Marginalia"');
    return Response.json(
      { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors, retryAfterSeconds: error.retryAfterSeconds } } satisfies ErrorBody,
      { status: HTTP_STATUS[error.code], headers },
    );
  }
  console.error(`[request ${reference}]`, error);
  return Response.json(
    { error: { code: 'INTERNAL', message: `Something went wrong on our side (reference ${reference}).` } } satisfies ErrorBody,
    { status: 500, headers: { 'Cache-Control': 'no-store' } },
  );
}

/**
 * Builds a failure response for an HTTP status outside the AppError table (415, 412, 428: protocol answers no
 * data-layer call produces), in errorResponse's shape so clients read every error the same way.
 */
export function statusErrorResponse(status: number, code: string, message: string, headers: HeadersInit = {}): Response {
  const merged = new Headers(headers);
  merged.set('Cache-Control', 'no-store');
  return Response.json({ error: { code, message } } satisfies ErrorBody, { status, headers: merged });
}

function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK'));
}
