import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PdfPageView } from '@/components/reader/pdf-page-view';
import { getDocumentPdfInfo } from '@/lib/dal/document-pdfs';
import { getViewer } from '@/lib/dal/viewer';

type PdfPageProps = { params: Promise<{ documentSlug: string; pageNumber: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Original page' };

function wholeNumber(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

export default async function PdfPage({ params, searchParams }: PdfPageProps) {
  const { documentSlug, pageNumber } = await params;
  const { version } = await searchParams;
  const page = wholeNumber(pageNumber);
  const info = page === null ? null : await getDocumentPdfInfo(await getViewer(), documentSlug, wholeNumber(version));
  if (!info || page === null || page > info.pageCount) notFound();
  const src = `/api/documents/${info.documentSlug}/pdf?version=${info.versionNumber}`;
  const pageHref = (number: number) => `/documents/${info.documentSlug}/pages/${number}?version=${info.versionNumber}`;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href={`/documents/${info.documentSlug}`}>{info.title}</Link>
      </p>
      <h1>
        Page {page} of the original PDF
      </h1>
      <nav aria-label="Pages" className="button-row">
        {page > 1 && <Link href={pageHref(page - 1)}>Previous page</Link>}
        {page < info.pageCount && <Link href={pageHref(page + 1)}>Next page</Link>}
        <a href={src} download>
          Download the PDF
        </a>
      </nav>
      <PdfPageView src={src} pageNumber={page} label={`Page ${page} of ${info.title}`} />
    </div>
  );
}
