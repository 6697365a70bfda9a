import 'server-only';
import { cookies } from 'next/headers';
import { COLOUR_SCHEMES, type ColourSchemeName } from '@/lib/validation/preferences';

// The colour scheme rides in a cookie as well as on the account, so the first paint of any page (signed in or not)
// already has it and nothing flashes from light to dark.
const COLOUR_SCHEME_COOKIE = 'colour-scheme';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Returns the colour scheme this browser's cookie names, or null when it names none. */
export async function readColourSchemeCookie(): Promise<ColourSchemeName | null> {
  const value = (await cookies()).get(COLOUR_SCHEME_COOKIE)?.value?.toUpperCase();
  return COLOUR_SCHEMES.find((scheme) => scheme === value) ?? null;
}

/** Remembers a colour scheme in this browser; for server actions. */
export async function writeColourSchemeCookie(scheme: ColourSchemeName): Promise<void> {
  (await cookies()).set(COLOUR_SCHEME_COOKIE, scheme.toLowerCase(), { maxAge: ONE_YEAR_SECONDS, path: '/', httpOnly: true, sameSite: 'lax' });
}
