import { NextResponse, type NextRequest } from 'next/server';

// A fresh nonce per page request lets Next's own scripts run while inline scripts from anywhere
// else do not (no 'unsafe-inline' for scripts). Authorization is not decided here: pages, actions
// and route handlers check the session through lib/dal.
export function proxy(request: NextRequest) {
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
