import type { Metadata } from 'next';
import Link from 'next/link';
import '@/components/versions/versions.css';
import { notFound } from 'next/navigation';
import { VersionDiffView } from '@/components/versions/version-diff-view';
import { CompareVersionsForm } from '@/components/versions/version-list';
import { compareVersions } from '@/lib/dal/document-versions';
import { getViewer } from '@/lib/dal/viewer';
import { readVersionNumber } from '@/lib/validation/versions';

type ComparePageProps = { params: Promise<{ documentSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load({ params, searchParams }: ComparePageProps) {
  const { documentSlug } = await params;
  const query = await searchParams;
  const from = readVersionNumber(query.from);
  const to = readVersionNumber(query.to);
  return from === null || to === null ? null : compareVersions(await getViewer(), documentSlug, from, to);
}

export async function generateMetadata(props: ComparePageProps): Promise<Metadata> {
  const comparison = await load(props);
  return { title: comparison ? `Changes from version ${comparison.from.number} to ${comparison.to.number}: ${comparison.title}` : 'Versions not found' };
}

export default async function CompareVersionsPage(props: ComparePageProps) {
  const comparison = await load(props);
  if (!comparison) notFound();
  const { slug, from, to } = comparison;
  return (
    <div className="page page--narrow compare-page">
      <p className="breadcrumb">
        <Link href={`/documents/${slug}`}>{comparison.title}</Link> · <Link href={`/documents/${slug}/versions`}>All versions</Link>
      </p>
      <h1>
        Changes from version {from.number} to version {to.number}
      </h1>
      <p className="version-page__meta">
        <Link href={`/documents/${slug}/versions/${from.number}`}>Read version {from.number}</Link> ·{' '}
        <Link href={`/documents/${slug}/versions/${to.number}`}>Read version {to.number}</Link>
      </p>
      <VersionDiffView diff={comparison.diff} from={from.number} to={to.number} />
      <h2>Compare other versions</h2>
      <CompareVersionsForm slug={slug} versions={comparison.versions} from={from.number} to={to.number} />
    </div>
  );
}
