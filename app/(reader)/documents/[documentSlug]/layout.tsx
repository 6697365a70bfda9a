import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getDocumentSummary } from '@/lib/dal/documents';
import { getViewer } from '@/lib/dal/viewer';

// Decides "no such document" before the page streams, so the response carries a real 404.
// The segment has no loading.tsx on purpose: the text arrives in one fast query, and a fallback
// that React reveals and then replaces would flash on every open and shift the page under the reader.
export default async function ReaderLayout({ children, params }: { children: ReactNode; params: Promise<{ documentSlug: string }> }) {
  const { documentSlug } = await params;
  if (!(await getDocumentSummary(await getViewer(), documentSlug))) notFound();
  return children;
}
