/** Returns a short human name for a User-Agent string, such as "Firefox on Linux", for the sessions list. Pure. */
export function describeBrowser(userAgent: string): string {
  if (userAgent.trim() === '') return 'Unknown browser';
  const browser =
    /Edg\//u.test(userAgent) ? 'Edge'
    : /OPR\//u.test(userAgent) ? 'Opera'
    : /Firefox\//u.test(userAgent) ? 'Firefox'
    : /Chrom(e|ium)\//u.test(userAgent) ? 'Chrome'
    : /Safari\//u.test(userAgent) ? 'Safari'
    : /^curl\//u.test(userAgent) ? 'curl'
    : /node|undici/iu.test(userAgent) ? 'A script'
    : 'A browser';
  const system =
    /Android/u.test(userAgent) ? 'Android'
    : /iPhone|iPad|iOS/u.test(userAgent) ? 'iOS'
    : /Windows/u.test(userAgent) ? 'Windows'
    : /Mac OS X|Macintosh/u.test(userAgent) ? 'macOS'
    : /Linux|X11/u.test(userAgent) ? 'Linux'
    : null;
  return system ? `${browser} on ${system}` : browser;
}
