import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInviteButton } from '@/components/workspaces/accept-invite-button';
import { describeInviteStatus, getInvitePreview } from '@/lib/dal/invites';
import { getViewer } from '@/lib/dal/viewer';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/format/roles';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const viewer = await getViewer();
  const invite = await getInvitePreview(viewer, token);
  const returnTo = encodeURIComponent(`/invites/${token}`);

  if (!invite) {
    return (
      <div className="page page--narrow">
        <h1>This invite link is not valid</h1>
        <p>Check that you copied the whole link, or ask the workspace’s owner for a new one.</p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>Join {invite.workspaceName}</h1>
      <p>
        You are invited as <strong>{ROLE_LABELS[invite.role].toLowerCase()}</strong>: someone who {ROLE_DESCRIPTIONS[invite.role]}.
      </p>
      {invite.isAlreadyMember ? (
        <p>
          You are already a member. <Link href={`/workspaces/${invite.workspaceSlug}`}>Open the workspace</Link>
        </p>
      ) : invite.status !== 'valid' ? (
        <p role="alert">{describeInviteStatus(invite.status)}</p>
      ) : viewer ? (
        <AcceptInviteButton token={token} workspaceName={invite.workspaceName} />
      ) : (
        <p className="button-row">
          <Link href={`/signup?returnTo=${returnTo}`} className="button button--primary">
            Create an account to join
          </Link>
          <Link href={`/signin?returnTo=${returnTo}`}>I have an account: sign in</Link>
        </p>
      )}
    </div>
  );
}
