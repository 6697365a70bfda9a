import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DocumentArticle } from '@/components/reader/document-article';
import { CitingBar } from '@/components/sources/citing-bar';
import { getCitingRequest } from '@/lib/dal/evidence';
import { getDocumentSummary, getReaderDocument } from '@/lib/dal/documents';
import { recordDocumentVisit } from '@/lib/dal/activity-feed';
import { findReaderFollows } from '@/lib/dal/follows';
import { getViewer } from '@/lib/dal/viewer';
import { readAnnotationFilter } from '@/lib/domain/annotation-filter';
import { readListRequest } from '@/lib/domain/annotation-list';

type ReaderPageProps = { params: Promise<{ documentSlug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: ReaderPageProps): Promise<Metadata> {
  const { documentSlug } = await params;
  const summary = await getDocumentSummary(await getViewer(), documentSlug);
  return { title: summary?.title ?? 'Document not found' };
}

export default async function ReaderPage({ params, searchParams }: ReaderPageProps) {
  const { documentSlug } = await params;
  const query = await searchParams;
  const filter = readAnnotationFilter(query);
  const viewer = await getViewer();
  const newSince = await recordDocumentVisit(viewer, documentSlug);
  const document = await getReaderDocument(viewer, documentSlug, filter, newSince, { listRequest: readListRequest(query) });
  if (!document) notFound();
  const follows = await findReaderFollows(viewer, documentSlug, [...document.annotations.list.placed, ...document.annotations.list.orphans].map((node) => node.id).concat(document.annotations.discussions.filter((annotation) => annotation.parentId === null).map((annotation) => annotation.id)));
  // `?cite=<link>` opens the document in citing mode, from a note's `Cite a passage`.
  const citing = typeof query.cite === 'string' ? await getCitingRequest(viewer, query.cite, documentSlug) : null;
  return (
    <>
      {citing && <CitingBar request={citing} versionNumber={document.versionNumber} />}
      <DocumentArticle document={document} isSignedIn={viewer !== null} filter={filter} follows={follows} />
    </>
  );
}
