import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { VerdictBadge } from '@/components/sources/verdict-badge';
import { getDocumentSummary } from '@/lib/dal/documents';
import { getNoteComparison, type ComparedSource } from '@/lib/dal/note-comparison';
import { getViewer } from '@/lib/dal/viewer';
import type { PassageInContext } from '@/lib/domain/passage-context';

type ComparePageProps = { params: Promise<{ documentSlug: string; footnoteNumber: string }> };

const noteNumberOf = (raw: string) => (/^[1-9]\d{0,5}$/u.test(raw) ? Number(raw) : null);

export async function generateMetadata({ params }: ComparePageProps): Promise<Metadata> {
  const { documentSlug, footnoteNumber } = await params;
  const summary = await getDocumentSummary(await getViewer(), documentSlug);
  return { title: summary ? `Note ${footnoteNumber} and its cited passages: ${summary.title}` : 'Document not found' };
}

/** A passage with its surrounding words, the passage itself marked. */
function InContext({ passage, label }: { passage: PassageInContext; label: string }) {
  return (
    <blockquote className="compare__passage" aria-label={label}>
      {passage.before && <span className="compare__context">{passage.before} </span>}
      <mark className="compare__mark">{passage.passage}</mark>
      {passage.after && <span className="compare__context"> {passage.after}</span>}
    </blockquote>
  );
}

function CitedSide({ source }: { source: ComparedSource }) {
  const { passage } = source;
  return (
    <section className="compare__side compare__side--cited" aria-labelledby={`cited-${source.id}`}>
      <h2 id={`cited-${source.id}`} className="compare__heading">
        Cited passage: {source.title}
      </h2>
      <p className="compare__meta">
        <VerdictBadge verdict={source.verdict} /> by {source.verdictBy}
        {source.reason && <span className="compare__reason"> — {source.reason}</span>}
      </p>
      {passage ? (
        <>
          <InContext passage={passage.context} label={`Passage cited from ${source.title}`} />
          <p className="compare__meta">
            <Link href={passage.href}>{passage.documentTitle}</Link>, {passage.place}
            {passage.anchorStatus !== 'exact' && passage.storedQuote !== passage.quote && <> · cited as “{passage.storedQuote}”</>}
          </p>
        </>
      ) : source.evidenceQuote ? (
        <>
          <blockquote className="compare__passage">{source.evidenceQuote}</blockquote>
          <p className="compare__meta">A quotation typed in, not a passage of a document of the workspace.</p>
        </>
      ) : (
        <p className="compare__meta">No passage cited yet.</p>
      )}
    </section>
  );
}

export default async function ComparePage({ params }: ComparePageProps) {
  const { documentSlug, footnoteNumber: raw } = await params;
  const footnoteNumber = noteNumberOf(raw);
  const comparison = footnoteNumber === null ? null : await getNoteComparison(await getViewer(), documentSlug, footnoteNumber);
  if (!comparison) notFound();
  const { documentSlug: slug, documentTitle, sources } = comparison;
  // Passages cited from the source's document first, then typed quotations, then sources with no evidence yet.
  const rank = (source: ComparedSource) => (source.passage ? 0 : source.evidenceQuote ? 1 : 2);
  const ordered = [...sources].sort((a, b) => rank(a) - rank(b));
  return (
    <div className="page compare">
      <p className="breadcrumb">
        <Link href={`/documents/${slug}#fn-${comparison.footnoteNumber}`}>{documentTitle}</Link> · <Link href={`/documents/${slug}/sources`}>Verification desk</Link> ·{' '}
        <Link href={`/documents/${slug}/report#note-${comparison.footnoteNumber}`}>Verification report</Link>
      </p>
      <h1>Note {comparison.footnoteNumber}: the claim beside its sources</h1>
      {sources.length === 0 && <p className="compare__meta">No source is attached to this note yet.</p>}
      <div className="compare__pair">
        <section className="compare__side compare__side--citing" aria-labelledby="citing-heading">
          <h2 id="citing-heading" className="compare__heading">
            Citing sentence
          </h2>
          {comparison.citing.length === 0 ? (
            <p className="compare__meta">No sentence cites this note.</p>
          ) : (
            comparison.citing.map((citing, position) => <InContext key={position} passage={citing} label={`Sentence citing note ${comparison.footnoteNumber}`} />)
          )}
          <p className="compare__meta">{documentTitle}</p>
        </section>
        {sources.length > 0 && (
          <div className="compare__cited">
            {ordered.map((source) => (
              <CitedSide key={source.id} source={source} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
