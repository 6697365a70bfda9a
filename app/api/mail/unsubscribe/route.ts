import { unsubscribeByLink } from '@/lib/dal/preferences';
import { escapeHtml } from '@/lib/domain/mail-messages';
import { AppError, errorResponse, parseInput } from '@/lib/errors';
import { decodeUtf8, readBodyBytes } from '@/lib/request-info';
import { unsubscribeLinkSchema } from '@/lib/validation/preferences';

export const dynamic = 'force-dynamic';

const HTML_HEADERS = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; form-action 'self'; style-src 'unsafe-inline'" };

function linkOf(request: Request): { user: string | null; signature: string | null } {
  const params = new URL(request.url).searchParams;
  return { user: params.get('user'), signature: params.get('signature') };
}

function page(title: string, body: string, status = 200): Response {
  return new Response(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body style="font-family: Georgia, serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5"><h1>${escapeHtml(title)}</h1>${body}</body></html>`, { status, headers: HTML_HEADERS });
}

// Opening the link (GET) only asks: mail scanners follow links, and must not unsubscribe anyone (RFC 8058).
export function GET(request: Request) {
  try {
    const { user, signature } = parseInput(unsubscribeLinkSchema, linkOf(request));
    const action = `/api/mail/unsubscribe?user=${encodeURIComponent(user)}&amp;signature=${encodeURIComponent(signature)}`;
    return page('Stop notification e-mail', `<p>Marginalia will send you no more notification e-mail. You can turn it on again in Settings.</p><form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`);
  } catch (error) {
    return errorResponse(error);
  }
}

// The one-click POST comes from mail clients, not from our pages, so it carries no session and no same-origin
// Origin (the proxy's same-origin check does not cover /api). The signature in the link is what authorizes it.
export async function POST(request: Request) {
  try {
    await readOneClickBody(request);
    await unsubscribeByLink(linkOf(request));
    return page('Unsubscribed', '<p>You will get no more notification e-mail from Marginalia. You can turn it on again in Settings.</p>');
  } catch (error) {
    return errorResponse(error);
  }
}

const ONE_CLICK_MESSAGE = 'Send List-Unsubscribe=One-Click as a form (RFC 8058).';

// RFC 8058's body, `List-Unsubscribe=One-Click`, as a URL-encoded or multipart form of at most 4 KB; anything else
// is refused, so a stray request is not mistaken for the click.
async function readOneClickBody(request: Request): Promise<void> {
  const contentType = request.headers.get('content-type') ?? '';
  const isUrlEncoded = contentType.startsWith('application/x-www-form-urlencoded');
  if (!isUrlEncoded && !contentType.startsWith('multipart/form-data')) throw new AppError('INVALID_INPUT', ONE_CLICK_MESSAGE);
  const bytes = await readBodyBytes(request, 4_096);
  if (bytes === null) throw new AppError('PAYLOAD_TOO_LARGE', 'That request is too large.');
  const text = decodeUtf8(bytes, 'The request body');
  let value: unknown = null;
  if (isUrlEncoded) value = new URLSearchParams(text).get('List-Unsubscribe');
  else value = await new Response(text, { headers: { 'Content-Type': contentType } }).formData().then((form) => form.get('List-Unsubscribe'), () => null);
  if (value !== 'One-Click') throw new AppError('INVALID_INPUT', ONE_CLICK_MESSAGE);
}
