import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GithubProvider from 'next-auth/providers/github';
import { headers } from 'next/headers';
import { verifyCredentials, findOrCreateOAuthUser } from '@/lib/dal/accounts';
import { unsafeEndSession, unsafeGetSessionUser, unsafeStartSession } from '@/lib/dal/sessions';
import { clientAddressOf } from '@/lib/client-address';
import { getAuthSecret, getGithubOAuth } from '@/lib/env';

/** Thrown from the jwt callback for a token whose session was signed out, or issued before a sign-out-everywhere or password change. */
class RevokedSessionError extends Error {}

const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

/** The next-auth configuration: credentials always, GitHub when configured; JWT sessions naming a stored session and a token version. */
export function getAuthOptions(): NextAuthOptions {
  const github = getGithubOAuth();
  return {
    secret: getAuthSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: async (credentials) => {
          const user = await verifyCredentials(credentials?.email ?? '', credentials?.password ?? '', clientAddressOf(await headers()));
          return user ? { id: user.id, name: user.name, email: user.email, tokenVersion: user.tokenVersion } : null;
        },
      }),
      ...(github ? [GithubProvider({ clientId: github.clientId, clientSecret: github.clientSecret })] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider === 'github') {
          if (!user.email) return false;
          const stored = await findOrCreateOAuthUser({ email: user.email, name: user.name ?? user.email });
          Object.assign(user, { id: stored.id, tokenVersion: stored.tokenVersion });
        }
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          // A sign-in: the session is stored, so it can be listed and ended one at a time.
          const requestHeaders = await headers();
          token.sub = user.id;
          token.tokenVersion = (user as { tokenVersion?: number }).tokenVersion ?? 0;
          token.sessionId = await unsafeStartSession(user.id, { userAgent: requestHeaders.get('user-agent') ?? '', address: clientAddressOf(requestHeaders) });
          return token;
        }
        const current = token.sub ? await unsafeGetSessionUser(token.sessionId, token.sub, token.tokenVersion) : null;
        if (current === null) throw new RevokedSessionError();
        return token;
      },
      session({ session, token }) {
        // Only the name and e-mail reach the browser; nothing about the token.
        return { expires: session.expires, user: { name: token.name ?? null, email: token.email ?? null } };
      },
    },
    events: {
      // next-auth's own /api/auth/signout: the session ends on the server, not only in this browser.
      async signOut({ token }) {
        await unsafeEndSession(token?.sessionId);
      },
    },
    logger: {
      error(code, metadata) {
        const cause = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
        if (cause instanceof RevokedSessionError) return;
        console.error(`[auth] ${code}`, metadata);
      },
      warn() {},
      debug() {},
    },
  };
}

declare module 'next-auth/jwt' {
  interface JWT {
    tokenVersion?: number;
    sessionId?: string;
  }
}
