import type { Metadata } from 'next';
import Link from 'next/link';
import '@/components/versions/versions.css';
import { notFound } from 'next/navigation';
import { VersionAnnotations } from '@/components/versions/version-annotations';
import { CompareVersionsForm, importerOf, VersionList } from '@/components/versions/version-list';
import { VersionText } from '@/components/versions/version-text';
import { getDocumentSummary } from '@/lib/dal/documents';
import { getVersionPage } from '@/lib/dal/document-versions';
import { getViewer } from '@/lib/dal/viewer';
import { formatInstant } from '@/lib/format/dates';
import { readVersionNumber } from '@/lib/validation/versions';

type VersionPageProps = { params: Promise<{ documentSlug: string; versionNumber: string }> };

async function load({ params }: VersionPageProps) {
  const { documentSlug, versionNumber } = await params;
  const number = readVersionNumber(versionNumber);
  return number === null ? null : getVersionPage(await getViewer(), documentSlug, number);
}

// The title needs the document alone, not the version's annotations: the page loads those once, for itself.
export async function generateMetadata({ params }: VersionPageProps): Promise<Metadata> {
  const { documentSlug, versionNumber } = await params;
  const number = readVersionNumber(versionNumber);
  const summary = number === null ? null : await getDocumentSummary(await getViewer(), documentSlug);
  return { title: summary ? `Version ${number}: ${summary.title}` : 'Version not found' };
}

export default async function VersionPage(props: VersionPageProps) {
  const page = await load(props);
  if (!page) notFound();
  const { version } = page;
  const latest = page.versions.at(-1)!.number;
  return (
    <div className="page page--narrow version-page">
      <p className="breadcrumb">
        <Link href={`/documents/${page.slug}`}>{page.title}</Link> · <Link href={`/documents/${page.slug}/versions`}>All versions</Link>
      </p>
      <h1>
        {page.title} <span className="version-page__number">(version {version.number})</span>
      </h1>
      <p className="version-page__meta">
        Stored {formatInstant(version.createdAt)}, imported by {importerOf(version)}.{' '}
        {version.isCurrent ? 'This is the version readers see now.' : `An earlier version, shown read-only; readers see version ${latest}.`}
      </p>
      {!version.isCurrent && (
        <p className="version-page__meta">
          <Link href={`/documents/${page.slug}/versions/compare?from=${version.number}&to=${version.number + 1}`}>Changes in version {version.number + 1}</Link>
        </p>
      )}
      <p className="version-page__note">
        Marked passages are the annotations as they sat on this version. Those that left it before placements were kept are placed again on this text
        from their quotes, and say so.
      </p>
      <VersionText lead={page.lead} sections={page.sections} />
      <VersionAnnotations annotations={page.annotations} />
      <h2>Versions</h2>
      <VersionList slug={page.slug} versions={page.versions} currentNumber={version.number} />
      <CompareVersionsForm slug={page.slug} versions={page.versions} from={version.number} to={version.isCurrent ? Math.max(1, version.number - 1) : latest} />
    </div>
  );
}
