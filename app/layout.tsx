import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { getViewerPreferences } from '@/lib/dal/preferences';
import { getViewer } from '@/lib/dal/viewer';
import { ensureMailDrainer } from '@/lib/mail/drainer';
import { readColourSchemeCookie } from '@/lib/preference-cookies';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Marginalia', template: '%s · Marginalia' },
  description: 'Read sourced analytical texts closely, together: trace every claim to its source.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbf9f4' },
    { media: '(prefers-color-scheme: dark)', color: '#1b1a17' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page request makes sure this process drains the mail outbox (a no-op once it runs, or without SMTP_URL).
  ensureMailDrainer();
  const viewer = await getViewer();
  const preferences = await getViewerPreferences(viewer);
  // An account's explicit choice wins; otherwise this browser's (a visitor's lives only there). Either way it is
  // in the first paint, so nothing flashes from one scheme to the other.
  const colourScheme = viewer && preferences.colourScheme !== 'SYSTEM' ? preferences.colourScheme : ((await readColourSchemeCookie()) ?? 'SYSTEM');
  return (
    <html
      lang="en"
      data-scheme={colourScheme === 'SYSTEM' ? undefined : colourScheme.toLowerCase()}
      data-single-keys={preferences.hasSingleKeyShortcuts ? undefined : 'off'}
    >
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader colourScheme={colourScheme} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
