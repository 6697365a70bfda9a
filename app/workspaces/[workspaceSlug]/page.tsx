import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { InviteByEmailForm } from '@/components/workspaces/invite-by-email-form';
import { InvitePanel } from '@/components/workspaces/invite-panel';
import { isMailOn } from '@/lib/mail/config';
import { MemberList } from '@/components/workspaces/member-list';
import { findActiveInvites } from '@/lib/dal/invites';
import { getViewer } from '@/lib/dal/viewer';
import { getWorkspaceDetail } from '@/lib/dal/workspaces';
import { AppError } from '@/lib/errors';
import { ROLE_LABELS } from '@/lib/format/roles';

type WorkspacePageProps = { params: Promise<{ workspaceSlug: string }> };

export const metadata: Metadata = { title: 'Workspace' };

export default async function WorkspacePage({ params }: WorkspacePageProps) {
  const { workspaceSlug } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}`);
  const workspace = await getWorkspaceDetail(viewer, workspaceSlug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const invites = workspace.canManageMembers ? await findActiveInvites(viewer, workspaceSlug) : [];
  return (
    <div className="page page--narrow">
      <h1>{workspace.name}</h1>
      <p className="page__intro">You are {ROLE_LABELS[workspace.viewerRole].toLowerCase()} of this workspace.</p>
      <p className="button-row">
        <Link href={`/workspaces/${workspace.slug}/tags`}>Tag vocabulary</Link>
        <Link href={`/workspaces/${workspace.slug}/activity`}>Recent activity</Link>
        {(workspace.viewerRole === 'OWNER' || workspace.viewerRole === 'EDITOR') && <Link href={`/workspaces/${workspace.slug}/import`}>Import a document</Link>}
        {(workspace.viewerRole === 'OWNER' || workspace.viewerRole === 'EDITOR') && <Link href={`/workspaces/${workspace.slug}/moderation`}>Hidden annotations</Link>}
      </p>

      <section aria-labelledby="documents-heading" className="home-section">
        <h2 id="documents-heading">Documents</h2>
        {workspace.documents.length === 0 ? (
          <p>No documents in this workspace yet.</p>
        ) : (
          <ul className="plain-list">
            {workspace.documents.map((document) => (
              <li key={document.slug} className="plain-list__item">
                <Link href={`/documents/${document.slug}`} className="plain-list__title">
                  {document.title}
                </Link>
                {document.newSinceLastVisit ? (
                  <span className="annotation-card__badge annotation-card__badge--new document-list__new">
                    {document.newSinceLastVisit} new since your last visit
                  </span>
                ) : null}
                <p className="plain-list__meta">{document.isPublic ? 'Public: anyone can read it' : 'Private to this workspace'}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="members-heading" className="home-section">
        <h2 id="members-heading">Members</h2>
        <MemberList workspaceSlug={workspace.slug} members={workspace.members} canManage={workspace.canManageMembers} />
      </section>

      {workspace.canManageMembers && (
        <section aria-labelledby="invites-heading" className="home-section">
          <h2 id="invites-heading">Invite people</h2>
          <InvitePanel workspaceSlug={workspace.slug} invites={invites} />
          {isMailOn() ? <InviteByEmailForm workspaceSlug={workspace.slug} /> : <p className="form-field__hint">E-mail is off on this server: copy the link and send it yourself.</p>}
        </section>
      )}
    </div>
  );
}
