import 'server-only';
import { getGithubOAuth } from '@/lib/env';

/** Whether the sign-in page should offer GitHub. */
export function isGithubSignInEnabled(): boolean {
  return getGithubOAuth() !== null;
}
