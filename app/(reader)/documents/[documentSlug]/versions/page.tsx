import type { Metadata } from 'next';
import Link from 'next/link';
import '@/components/versions/versions.css';
import { notFound } from 'next/navigation';
import { CompareVersionsForm, VersionList } from '@/components/versions/version-list';
import { findDocumentVersions } from '@/lib/dal/document-versions';
import { getViewer } from '@/lib/dal/viewer';

type VersionsPageProps = { params: Promise<{ documentSlug: string }> };

export async function generateMetadata({ params }: VersionsPageProps): Promise<Metadata> {
  const { documentSlug } = await params;
  const document = await findDocumentVersions(await getViewer(), documentSlug);
  return { title: document ? `Versions: ${document.title}` : 'Document not found' };
}

export default async function VersionsPage({ params }: VersionsPageProps) {
  const { documentSlug } = await params;
  const document = await findDocumentVersions(await getViewer(), documentSlug);
  if (!document) notFound();
  const latest = document.versions.at(-1)!.number;
  return (
    <div className="page page--narrow versions-page">
      <p className="breadcrumb">
        <Link href={`/documents/${document.slug}`}>{document.title}</Link>
      </p>
      <h1>Versions of {document.title}</h1>
      <VersionList slug={document.slug} versions={document.versions} />
      <h2>Compare two versions</h2>
      <CompareVersionsForm slug={document.slug} versions={document.versions} from={Math.max(1, latest - 1)} to={latest} />
    </div>
  );
}
