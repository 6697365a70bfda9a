import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { getViewerPreferences } from '@/lib/dal/preferences';
import { getViewer } from '@/lib/dal/viewer';
import { readColourSchemeCookie } from '@/lib/preference-cookies';
import './globals.css';
// The rest of the stylesheet, one file per part of the app, in the order the cascade relies on.
import './styles/chrome.css';
import './styles/forms.css';
import './styles/lists.css';
import './styles/reader.css';
import './styles/footnote-panels.css';
import './styles/sources-and-desk.css';
import './styles/verification-report.css';
import './styles/highlights-and-composer.css';
import './styles/annotations.css';
import './styles/search-and-discussion.css';
import './styles/tags.css';
import './styles/live.css';
import './styles/docs-and-imports.css';
import './styles/tags-field.css';
import './styles/colours-and-vocabulary.css';
import './styles/document-visibility-and-evidence.css';
import './styles/annotation-links.css';
import './styles/notifications.css';
import './styles/reactions.css';

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
