import 'server-only';
import { getPublicOrigin } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { describeCharacter, findLoneSurrogateInJson } from '@/lib/domain/unicode';

export { clientAddressOf } from '@/lib/client-address';

/** Largest body the JSON and form endpoints accept. */
export const MAX_FORM_BYTES = 16 * 1024;

/** Whether a request announces a body larger than `limit` bytes. */
export function isOversized(request: Request, limit = MAX_FORM_BYTES): boolean {
  const length = Number(request.headers.get('content-length') ?? 0);
  return Number.isFinite(length) && length > limit;
}

/**
 * Reads a request body's bytes, refusing more than `limit` even when no length was announced: the stream is read
 * chunk by chunk and abandoned as soon as it passes the limit, so an oversized upload is never held whole.
 */
export async function readBodyBytes(request: Request, limit = MAX_FORM_BYTES): Promise<Buffer | null> {
  if (isOversized(request, limit)) return null;
  if (request.body === null) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a request body as text of at most `limit` bytes (see readBodyBytes); null when it is larger. */
export async function readBodyText(request: Request, limit = MAX_FORM_BYTES): Promise<string | null> {
  const bytes = await readBodyBytes(request, limit);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/**
 * Decodes uploaded bytes as UTF-8, refusing anything that is not (INVALID_INPUT, naming `what`): a lenient decode
 * would store U+FFFD in place of each bad byte and import a silently damaged file. For the import routes and script.
 */
export function decodeUtf8(bytes: Uint8Array, what = 'The document'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('INVALID_INPUT', `${what} is not UTF-8 text. Save it as UTF-8 and try again.`, { fieldErrors: { content: ['Not UTF-8 text.'] } });
  }
}

/** Whether the request's Content-Type is one of `mediaTypes` (parameters such as charset or profile are ignored). */
export function hasMediaType(request: Request, mediaTypes: readonly string[]): boolean {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaTypes.includes(mediaType);
}

/** Reads a JSON request body of at most `limit` bytes; throws PAYLOAD_TOO_LARGE, or INVALID_INPUT when it is not JSON. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const text = await readBodyText(request, limit);
  if (text === null) throw new AppError('PAYLOAD_TOO_LARGE', `The request body is larger than ${Math.round(limit / 1024)} KB.`);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('INVALID_INPUT', `The request body is not valid JSON: ${error instanceof Error ? error.message : 'it could not be parsed'}.`);
  }
  refuseLoneSurrogates(value);
  return value;
}

/**
 * Throws INVALID_INPUT, naming the character, when a parsed JSON value holds an unpaired surrogate (`"\ud800"` is
 * valid JSON, but PostgreSQL would store U+FFFD in its place and the text would change without a word).
 */
export function refuseLoneSurrogates(value: unknown, what = 'The request body'): void {
  const lone = findLoneSurrogateInJson(value);
  if (lone !== null) {
    throw new AppError('INVALID_INPUT', `${what} contains ${describeCharacter(lone)}, half of a character that cannot be stored. Send the text as it was typed, in UTF-8.`);
  }
}

/**
 * Returns the origin that IRIs in exports and API answers are built on: the configured public address
 * (NEXTAUTH_URL), so IRIs stay stable behind a proxy, else the origin the request came to.
 */
export function publicBaseUrlOf(request: Request): string {
  return getPublicOrigin() ?? new URL(request.url).origin;
}
