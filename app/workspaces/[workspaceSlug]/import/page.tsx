import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ImportDocumentForm } from '@/components/documents/import-document-form';
import { getViewer } from '@/lib/dal/viewer';
import { getWorkspaceDetail } from '@/lib/dal/workspaces';
import { AppError } from '@/lib/errors';

type ImportPageProps = { params: Promise<{ workspaceSlug: string }> };

export const metadata: Metadata = { title: 'Import a document' };

export default async function ImportDocumentPage({ params }: ImportPageProps) {
  const { workspaceSlug } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}/import`);
  const workspace = await getWorkspaceDetail(viewer, workspaceSlug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const canImport = workspace.viewerRole === 'OWNER' || workspace.viewerRole === 'EDITOR';
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link href={`/workspaces/${workspace.slug}`}>{workspace.name}</Link>
      </p>
      <h1>Import a document</h1>
      {canImport ? (
        <>
          <p className="page__intro">
            The document becomes private to {workspace.name}. Importing it again under the same address stores a new version and places its
            annotations on the new text.
          </p>
          <ImportDocumentForm workspaceSlug={workspace.slug} />
        </>
      ) : (
        <p className="page__intro">Only editors and owners of {workspace.name} can import documents. Ask an owner to change your role.</p>
      )}
    </div>
  );
}
