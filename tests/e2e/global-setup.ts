import type { FullConfig } from '@playwright/test';
import { LIBRARY_OWNER } from './support';

// The first account on a fresh install owns the default workspace that holds the seed article.
// Creating it before any test runs gives the tests a known owner to invite editors and commenters.
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  const response = await fetch(`${baseURL}/api/accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(LIBRARY_OWNER),
  });
  if (response.status !== 201) throw new Error(`Could not create the library owner: ${response.status} ${await response.text()}`);
}
