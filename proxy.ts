import { NextResponse, type NextRequest } from 'next/server';

// A fresh nonce per page request lets Next's own scripts run while inline scripts from anywhere
// else do not (no 'unsafe-inline' for scripts). Authorization is not decided here: pages, actions
// and route handlers check the session through lib/dal.
export function proxy(request: NextRequest) {
  // Pages have one address, without a final "/" (Next's own redirect is off for the annotation containers' sake).
  const { pathname } = request.nextUrl;
  if (pathname.length > 1 && pathname.endsWith('/')) {
    const url = request.nextUrl.clone();
    url.pathname = pathname.replace(/\/+$/u, '') || '/';
    return NextResponse.redirect(url, 308);
  }
  // Next.js refuses a server action posted from another origin by throwing, which answers 500; the same check
  // here answers what it is, 403. (Browsers always send Origin on cross-site POSTs.)
  if (request.method === 'POST' && isForeignOrigin(request.headers)) {
    return new NextResponse('This form was sent from another site, so it was refused. Open the page here and send it again.', {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const nonce = btoa(crypto.randomUUID());
  const scriptSources = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`];
  // React's development build evaluates code for its debugging aids.
  if (process.env.NODE_ENV === 'development') scriptSources.push(`'unsafe-eval'`);
  const policy = [
    `default-src 'self'`,
    `script-src ${scriptSources.join(' ')}`,
    // Styles stay 'unsafe-inline': React sets style attributes, which nonces cannot cover.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    // The PDF page viewer's pdf.js worker, served from /pdfjs/worker; no other worker, and no blob: workers.
    `worker-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

// The host the request was sent to, as Next.js's own server-action check reads it.
function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return false;
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    // `Origin: null` (a sandboxed frame, a file) or garbage: not this site.
    return true;
  }
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
