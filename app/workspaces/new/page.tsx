import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { NewWorkspaceForm } from '@/components/workspaces/new-workspace-form';
import { getViewer } from '@/lib/dal/viewer';

export const metadata: Metadata = { title: 'New workspace' };

export default async function NewWorkspacePage() {
  if (!(await getViewer())) redirect('/signin?returnTo=/workspaces/new');
  return (
    <div className="page page--form">
      <h1>New workspace</h1>
      <p className="page__intro">A workspace is a team: its members share documents, annotations, tags and sources. You will be its owner.</p>
      <NewWorkspaceForm />
    </div>
  );
}
