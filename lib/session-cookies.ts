import 'server-only';
import { cookies } from 'next/headers';

// next-auth's session cookie, with the __Secure- prefix on https and split into .0, .1... when large.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Deletes this browser's session cookies, ending its session; for server actions and route handlers. */
export async function deleteSessionCookies(): Promise<void> {
  const store = await cookies();
  for (const { name } of store.getAll()) {
    if (SESSION_COOKIE.test(name)) store.set(name, '', { maxAge: 0, path: '/', httpOnly: true, sameSite: 'lax', secure: name.startsWith('__Secure-') });
  }
}
