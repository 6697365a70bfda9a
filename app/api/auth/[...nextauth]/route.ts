import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { getAuthOptions } from '@/lib/auth';
import { checkSignInAllowed } from '@/lib/dal/sign-in-throttle';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { clientAddressOf, MAX_FORM_BYTES } from '@/lib/request-info';

type Params = { nextauth: string[] };

function handleAuth(request: NextRequest, params: Params) {
  return NextAuth(getAuthOptions())(request, { params: Promise.resolve(params) }) as Promise<Response>;
}

export const GET = route<Params, NextRequest>({ auth: 'none', cors: false }, ({ request, params }) => handleAuth(request, params));

// Credential sign-ins are throttled here, before next-auth sees them, so a throttled client gets a
// real 429 with Retry-After (next-auth itself only knows 401).
export const POST = route<Params, NextRequest>({ auth: 'none', cors: false, bodyLimit: { bytes: MAX_FORM_BYTES, message: 'That request is too large.' } }, async ({ request, params, bytes }) => {
  if (params.nextauth.join('/') !== 'callback/credentials') return handleAuth(request, params);
  const body = new TextDecoder().decode(await bytes());
  const email = new URLSearchParams(body).get('email') ?? '';
  try {
    await checkSignInAllowed(email, clientAddressOf(request.headers));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const retryAfter = String(error.retryAfterSeconds ?? 60);
    // next-auth's client reads `url` from any answer; the error and wait travel in it.
    const url = new URL('/signin', request.url);
    url.searchParams.set('error', `RateLimited:${retryAfter}`);
    return Response.json({ url: url.toString(), error: { code: error.code, message: error.message, retryAfterSeconds: Number(retryAfter) } }, { status: 429, headers: { 'Retry-After': retryAfter } });
  }
  // Failed attempts are counted against the e-mail where the password is checked (verifyCredentials).
  return handleAuth(new NextRequest(request.url, { method: 'POST', headers: request.headers, body }), params);
});
