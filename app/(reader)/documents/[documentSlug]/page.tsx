import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DocumentArticle } from '@/components/reader/document-article';
import { getDocumentSummary, getReaderDocument } from '@/lib/dal/documents';
import { getViewer } from '@/lib/dal/viewer';

type ReaderPageProps = { params: Promise<{ documentSlug: string }> };

export async function generateMetadata({ params }: ReaderPageProps): Promise<Metadata> {
  const { documentSlug } = await params;
  const summary = await getDocumentSummary(await getViewer(), documentSlug);
  return { title: summary?.title ?? 'Document not found' };
}

export default async function ReaderPage({ params }: ReaderPageProps) {
  const { documentSlug } = await params;
  const viewer = await getViewer();
  const document = await getReaderDocument(viewer, documentSlug);
  if (!document) notFound();
  return <DocumentArticle document={document} isSignedIn={viewer !== null} />;
}
