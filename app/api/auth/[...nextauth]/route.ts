import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/auth';
import { checkSignInAllowed } from '@/lib/dal/sign-in-throttle';
import { AppError, errorResponse } from '@/lib/errors';
import { clientAddressOf, readBodyText } from '@/lib/request-info';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function handleAuth(request: NextRequest, context: RouteContext) {
  return NextAuth(getAuthOptions())(request, context);
}

export const GET = handleAuth;

// Credential sign-ins are throttled here, before next-auth sees them, so a throttled client gets a
// real 429 with Retry-After (next-auth itself only knows 401).
export async function POST(request: NextRequest, context: RouteContext) {
  const { nextauth } = await context.params;
  if (nextauth.join('/') !== 'callback/credentials') return handleAuth(request, context);
  const body = await readBodyText(request);
  if (body === null) return errorResponse(new AppError('PAYLOAD_TOO_LARGE', 'That request is too large.'));
  const email = new URLSearchParams(body).get('email') ?? '';
  try {
    await checkSignInAllowed(email, clientAddressOf(request.headers));
  } catch (error) {
    if (!(error instanceof AppError)) return errorResponse(error);
    const retryAfter = String(error.retryAfterSeconds ?? 60);
    // next-auth's client reads `url` from any answer; the error and wait travel in it.
    const url = new URL('/signin', request.url);
    url.searchParams.set('error', `RateLimited:${retryAfter}`);
    return Response.json({ url: url.toString(), error: { code: error.code, message: error.message, retryAfterSeconds: Number(retryAfter) } }, { status: 429, headers: { 'Retry-After': retryAfter } });
  }
  // Failed attempts are counted against the e-mail where the password is checked (verifyCredentials).
  return handleAuth(new NextRequest(request.url, { method: 'POST', headers: request.headers, body }), context);
}
