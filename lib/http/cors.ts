// Cross-origin reads. The W3C annotation test suite, and any page on another site, may read what a visitor may
// read: a GET or HEAD that carries no credentials (no Cookie, no Authorization) answers
// `Access-Control-Allow-Origin: *`, which browsers never honour for a request sent with credentials. A request that
// carries credentials gets no CORS headers at all, and writes are never granted a preflight, so another site can
// neither read a member's data through their browser nor write with it.

const READ_METHODS = new Set(['GET', 'HEAD']);

/** Response headers a client script on another origin may read. */
export const EXPOSED_HEADERS = 'ETag, Link, Location, Content-Location, Allow, Accept-Post, Preference-Applied, Vary, Retry-After, X-Request-Id';

/** Request headers a cross-origin read may send after a preflight. */
export const ALLOWED_READ_HEADERS = 'Accept, Prefer, If-None-Match, If-Modified-Since, X-Request-Id';

/** Whether a request carries credentials: a cookie or an Authorization header. */
export function hasCredentials(request: Request): boolean {
  return request.headers.has('cookie') || request.headers.has('authorization');
}

/** The CORS headers a response to `request` gets: the read grant, the preflight grant for reads, or none. */
export function corsHeadersFor(request: Request): Record<string, string> {
  // Whether an answer carries the grant depends on the credentials sent, so caches must keep the answers apart.
  const vary = { Vary: 'Origin, Cookie, Authorization' };
  if (hasCredentials(request)) return vary;
  if (READ_METHODS.has(request.method)) return { ...vary, 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
  const asked = request.headers.get('access-control-request-method')?.toUpperCase();
  if (request.method === 'OPTIONS' && asked !== undefined && READ_METHODS.has(asked)) {
    return { ...vary, 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': ALLOWED_READ_HEADERS, 'Access-Control-Max-Age': '600' };
  }
  return vary;
}
