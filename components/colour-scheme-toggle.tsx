'use client';

import { useState, useSyncExternalStore } from 'react';
import { setColourSchemeAction } from '@/lib/actions/preferences';
import type { ColourSchemeName } from '@/lib/validation/preferences';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeToSystemScheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * The header's `Dark mode` switch. Pressing it picks the other scheme; picking the one the device uses anyway goes
 * back to following the device, so someone who never touches it keeps the system setting.
 */
export function ColourSchemeToggle({ initialScheme }: { initialScheme: ColourSchemeName }) {
  const [scheme, setScheme] = useState(initialScheme);
  const isSystemDark = useSyncExternalStore(subscribeToSystemScheme, () => window.matchMedia(DARK_QUERY).matches, () => false);
  const isDark = scheme === 'DARK' || (scheme === 'SYSTEM' && isSystemDark);

  function toggle() {
    const wantsDark = !isDark;
    const next: ColourSchemeName = wantsDark === isSystemDark ? 'SYSTEM' : wantsDark ? 'DARK' : 'LIGHT';
    setScheme(next);
    // The page changes at once; the account and the cookie catch up in the background.
    if (next === 'SYSTEM') delete document.documentElement.dataset.scheme;
    else document.documentElement.dataset.scheme = next.toLowerCase();
    void setColourSchemeAction(next);
  }

  return (
    <button type="button" className="link-button" aria-pressed={isDark} onClick={toggle}>
      Dark mode
    </button>
  );
}
