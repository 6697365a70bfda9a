import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { TagEditor } from '@/components/tags/tag-editor';
import { findWorkspaceTags } from '@/lib/dal/tags';
import { getViewer } from '@/lib/dal/viewer';
import { AppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Tag vocabulary' };

export default async function TagsPage({ params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}/tags`);
  const vocabulary = await findWorkspaceTags(viewer, workspaceSlug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link href={`/workspaces/${workspaceSlug}`}>{vocabulary.workspaceName}</Link>
      </p>
      <h1>Tag vocabulary</h1>
      <p className="page__intro">The words this team classifies claims with. {vocabulary.canEdit ? 'Rename a tag onto another to merge them; every annotation follows.' : 'Editors and owners can change them.'}</p>
      <ul className="plain-list">
        {vocabulary.tags.map((tag) => (
          <li key={tag.id} className="plain-list__item tag-entry">
            <p className="tag-entry__head">
              <span className="tag-chip" style={{ background: tag.colour }}>
                {tag.label}
              </span>{' '}
              <Link href={`/workspaces/${workspaceSlug}/tags/${encodeURIComponent(tag.name)}`}>
                {tag.count} {tag.count === 1 ? 'annotation' : 'annotations'}
              </Link>
            </p>
            {tag.description && <p className="plain-list__meta">{tag.description}</p>}
            {vocabulary.canEdit && <TagEditor workspaceSlug={workspaceSlug} tag={tag} allTags={vocabulary.tags} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
