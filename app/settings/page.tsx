import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import Link from 'next/link';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { SignOutEverywhereButton } from '@/components/auth/sign-out-everywhere-button';
import { ApiTokensPanel } from '@/components/settings/api-tokens-panel';
import { MailDeliveryForm } from '@/components/settings/mail-delivery-form';
import { SessionsPanel } from '@/components/settings/sessions-panel';
import { ShortcutsForm } from '@/components/settings/shortcuts-form';
import { findApiTokens } from '@/lib/dal/api-tokens';
import { getMailSettings, getViewerPreferences } from '@/lib/dal/preferences';
import { findSessions } from '@/lib/dal/sessions';
import { getCurrentSessionId, getViewer } from '@/lib/dal/viewer';
import { findViewerWorkspaces } from '@/lib/dal/workspaces';
import { MIN_PASSWORD_LENGTH } from '@/lib/validation/accounts';

export const metadata: Metadata = { title: 'Your account' };

export default async function SettingsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin?returnTo=/settings');
  const [workspaces, tokens, preferences, sessions, mail] = await Promise.all([
    findViewerWorkspaces(viewer),
    findApiTokens(viewer),
    getViewerPreferences(viewer),
    findSessions(viewer, await getCurrentSessionId()),
    getMailSettings(viewer),
  ]);
  return (
    <div className="page page--form">
      <h1>Your account</h1>
      <p className="page__intro">
        Signed in as {viewer.name} ({viewer.email}).
      </p>
      <section aria-labelledby="password-heading" className="home-section">
        <h2 id="password-heading">Change password</h2>
        <p>Changing your password signs you out on every device, this one included.</p>
        <ChangePasswordForm minPasswordLength={MIN_PASSWORD_LENGTH} />
      </section>
      <section aria-labelledby="shortcuts-heading" className="home-section">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <p>In the reader, press ? to list every shortcut.</p>
        <ShortcutsForm isOn={preferences.hasSingleKeyShortcuts} />
      </section>
      <section aria-labelledby="email-heading" className="home-section" id="email">
        <h2 id="email-heading">E-mail</h2>
        <p>Notifications can also reach you by e-mail. Every mail has a link that unsubscribes you with one click.</p>
        <MailDeliveryForm delivery={mail.delivery} isMailOn={mail.isMailOn} />
      </section>
      <section aria-labelledby="sessions-heading" className="home-section">
        <h2 id="sessions-heading">Sessions</h2>
        <p>Where you are signed in. Lost a device, or signed in on a shared computer? Sign it out here, or end every session at once.</p>
        <SessionsPanel sessions={sessions} />
        <SignOutEverywhereButton />
      </section>
      <section aria-labelledby="api-tokens-heading" className="home-section">
        <h2 id="api-tokens-heading">API tokens</h2>
        <p>
          A token lets a script read and annotate as you, within one workspace, through the <Link href="/docs/api">annotation API</Link>. Revoke
          it the moment you no longer need it.
        </p>
        <ApiTokensPanel workspaces={workspaces.map(({ slug, name }) => ({ slug, name }))} tokens={tokens} />
      </section>
    </div>
  );
}
