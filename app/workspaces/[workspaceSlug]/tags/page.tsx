import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { TagEditor } from '@/components/tags/tag-editor';
import { TagOrderButtons } from '@/components/tags/tag-order-buttons';
import { findWorkspaceTags } from '@/lib/dal/tags';
import { getViewer } from '@/lib/dal/viewer';
import { AppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Tag vocabulary' };

export default async function TagsPage({ params, searchParams }: { params: Promise<{ workspaceSlug: string }>; searchParams: Promise<{ page?: string | string[] }> }) {
  const { workspaceSlug } = await params;
  const { page: pageParam } = await searchParams;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}/tags`);
  const vocabulary = await findWorkspaceTags(viewer, workspaceSlug, { page: Number(Array.isArray(pageParam) ? pageParam[0] : pageParam) || 1 }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const pageHref = (page: number) => `/workspaces/${workspaceSlug}/tags${page > 1 ? `?page=${page}` : ''}`;
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link href={`/workspaces/${workspaceSlug}`}>{vocabulary.workspaceName}</Link>
      </p>
      <h1>Tag vocabulary</h1>
      <p className="page__intro">
        The words this team classifies claims with, in the order that decides the colour of an annotation with several tags.{' '}
        {vocabulary.canEdit ? 'Rename a tag onto another to merge them; every annotation follows.' : 'Editors and owners can change them.'}
        {vocabulary.canOrder && ' As an owner you can move tags up and down the order.'} Tags you have used only on private notes are marked “private”: nobody else sees them until
        someone shares an annotation that carries them.
      </p>
      <ul className="plain-list">
        {vocabulary.tags.map((tag, index) => {
          const position = vocabulary.offset + index + 1;
          return (
            <li key={tag.id} className="plain-list__item tag-entry">
              <p className="tag-entry__head">
                <span className="tag-chip" style={{ background: tag.colour }}>
                  {tag.label}
                </span>{' '}
                {tag.isPrivate && <span className="tag-entry__private">private</span>}{' '}
                <Link href={`/workspaces/${workspaceSlug}/tags/${encodeURIComponent(tag.name)}`}>
                  {tag.count} {tag.count === 1 ? 'annotation' : 'annotations'}
                </Link>
                {vocabulary.canOrder && <TagOrderButtons workspaceSlug={workspaceSlug} tagId={tag.id} label={tag.label} position={position} isLast={position === vocabulary.total} />}
              </p>
              {tag.description && <p className="plain-list__meta">{tag.description}</p>}
              {vocabulary.canEdit && <TagEditor workspaceSlug={workspaceSlug} tag={tag} />}
            </li>
          );
        })}
      </ul>
      {vocabulary.pageCount > 1 && (
        <nav aria-label="Pages of the vocabulary" className="pagination">
          <p>
            Tags {(vocabulary.offset + 1).toLocaleString('en')}–{(vocabulary.offset + vocabulary.tags.length).toLocaleString('en')} of {vocabulary.total.toLocaleString('en')} · page{' '}
            {vocabulary.page} of {vocabulary.pageCount}
          </p>
          <p className="button-row">
            {vocabulary.page > 1 && <Link href={pageHref(vocabulary.page - 1)}>Previous page</Link>}
            {vocabulary.page < vocabulary.pageCount && <Link href={pageHref(vocabulary.page + 1)}>Next page</Link>}
          </p>
        </nav>
      )}
    </div>
  );
}
