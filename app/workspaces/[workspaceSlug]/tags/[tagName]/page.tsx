import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { findTaggedAnnotations } from '@/lib/dal/tags';
import { getViewer } from '@/lib/dal/viewer';
import { AppError } from '@/lib/errors';
import { formatInstant } from '@/lib/format/dates';

export const metadata: Metadata = { title: 'Tag' };

export default async function TagPage({ params }: { params: Promise<{ workspaceSlug: string; tagName: string }> }) {
  const { workspaceSlug, tagName } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?returnTo=/workspaces/${workspaceSlug}/tags`);
  const { tag, annotations } = await findTaggedAnnotations(viewer, workspaceSlug, decodeURIComponent(tagName)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link href={`/workspaces/${workspaceSlug}/tags`}>Tag vocabulary</Link>
      </p>
      <h1>
        <span className="tag-chip tag-chip--large" style={{ background: tag.colour }}>
          {tag.label}
        </span>
      </h1>
      {tag.description && <p className="page__intro">{tag.description}</p>}
      {annotations.length === 0 ? (
        <p>No annotation you can see carries this tag yet.</p>
      ) : (
        <ol className="plain-list">
          {annotations.map((annotation) => (
            <li key={annotation.id} className="plain-list__item">
              <p className="plain-list__meta">
                {annotation.documentTitle} · {annotation.author} · {formatInstant(annotation.createdAt)}
              </p>
              {annotation.quote && (
                <blockquote className="tagged-quote">
                  <span className="tagged-quote__context">…{annotation.prefix}</span>
                  <mark>{annotation.quote}</mark>
                  <span className="tagged-quote__context">{annotation.suffix}…</span>
                </blockquote>
              )}
              {annotation.excerpt && <p>{annotation.excerpt}</p>}
              <Link href={`/documents/${annotation.documentSlug}#annotation-${annotation.id}`}>Open in the document</Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
