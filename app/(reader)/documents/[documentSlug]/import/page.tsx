import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ImportAnnotationsForm } from '@/components/annotations/import-annotations-form';
import { getAnnotationImportTarget } from '@/lib/dal/annotation-import';
import { getViewer } from '@/lib/dal/viewer';

type ImportPageProps = { params: Promise<{ documentSlug: string }> };

export async function generateMetadata({ params }: ImportPageProps): Promise<Metadata> {
  const { documentSlug } = await params;
  const target = await getAnnotationImportTarget(await getViewer(), documentSlug);
  return { title: target ? `Import annotations · ${target.title}` : 'Document not found' };
}

export default async function ImportAnnotationsPage({ params }: ImportPageProps) {
  const { documentSlug } = await params;
  const target = await getAnnotationImportTarget(await getViewer(), documentSlug);
  if (!target) notFound();
  return (
    <div className="page page--narrow import-page">
      <p className="breadcrumb">
        <Link href={`/documents/${target.slug}`}>{target.title}</Link>
      </p>
      <h1>Import annotations</h1>
      <p className="page__intro">
        Bring in annotations from a W3C Web Annotation file (JSON-LD) or a Hypothesis export. Each is placed on this document by the passage it quotes; the ones whose
        passage is not in this text are kept and listed, so nothing is lost. You become the author of what you import, and each annotation names who wrote it
        originally. Importing the same file again adds nothing.
      </p>
      {!target.isSignedIn ? (
        <p>
          <Link href={`/signin?returnTo=${encodeURIComponent(`/documents/${target.slug}/import`)}`}>Sign in</Link> to import annotations.
        </p>
      ) : !target.canImport ? (
        <p>Only workspace members who can comment may import annotations. Ask an owner of the workspace for the commenter role.</p>
      ) : (
        <ImportAnnotationsForm documentSlug={target.slug} />
      )}
    </div>
  );
}
