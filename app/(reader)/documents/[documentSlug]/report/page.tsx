import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SignOffButton } from '@/components/sources/sign-off-button';
import { getDocumentSummary } from '@/lib/dal/documents';
import { getVerificationReportPage } from '@/lib/dal/verification-report';
import { getViewer } from '@/lib/dal/viewer';
import { describeLinkedAnnotation, passageLabel, reportByline, reportTitle, type ReportHistoryLine, type ReportNote } from '@/lib/domain/verification-report';
import { formatInstant } from '@/lib/format/dates';
import { safeHref } from '@/lib/format/verdicts';

type ReportPageProps = { params: Promise<{ documentSlug: string }> };

export async function generateMetadata({ params }: ReportPageProps): Promise<Metadata> {
  const { documentSlug } = await params;
  // Only the title: the report itself takes long enough to build that its metadata would stream into the body.
  const summary = await getDocumentSummary(await getViewer(), documentSlug);
  return { title: summary ? reportTitle(summary) : 'Document not found' };
}

function History({ lines, label }: { lines: ReportHistoryLine[]; label: string }) {
  if (lines.length === 0) return null;
  return (
    <>
      <p className="report__label">{label}</p>
      <ol className="report__history" aria-label={label}>
        {lines.map((line, index) => (
          <li key={index}>
            {line.text} — {line.who}, {line.when}
            {line.reason && `. Why: ${line.reason}`}
          </li>
        ))}
      </ol>
    </>
  );
}

function NoteSection({ note, documentSlug }: { note: ReportNote; documentSlug: string }) {
  return (
    <section id={`note-${note.number}`} className="report__note" aria-labelledby={`note-${note.number}-heading`}>
      <h2 id={`note-${note.number}-heading`}>Note {note.number}</h2>
      <p className="report__meta">
        Status: <strong>{note.status}</strong> · Assignee: {note.assignee ?? 'nobody'}
      </p>
      {note.citingSentences.length === 0 && <p className="report__meta">No sentence cites this note.</p>}
      {note.citingSentences.map((sentence, index) => (
        <blockquote key={index} className="report__citing">
          {sentence.text}
          {sentence.page && <span className="report__page"> ({sentence.page})</span>}
        </blockquote>
      ))}
      {note.sources.length === 0 && <p className="report__meta">No source attached.</p>}
      {note.sources.map((source, index) => {
        const href = safeHref(source.url);
        const archive = safeHref(source.archiveUrl);
        return (
          <div key={index} className="report__source">
            <p className="report__source-title">
              {source.title} — <strong>{source.verdict}</strong>
            </p>
            <dl>
              {source.details.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
              {href && (
                <div>
                  <dt>Address</dt>
                  <dd>
                    <a href={href} rel="noopener noreferrer nofollow">
                      {href}
                    </a>
                  </dd>
                </div>
              )}
              {archive && (
                <div>
                  <dt>Archived copy</dt>
                  <dd>
                    <a href={archive} rel="noopener noreferrer nofollow">
                      {archive}
                    </a>
                  </dd>
                </div>
              )}
            </dl>
            {source.evidencePassage ? (
              <>
                <p className="report__label">{passageLabel(source.evidencePassage)}</p>
                <blockquote className="report__passage">{source.evidencePassage.quote}</blockquote>
              </>
            ) : (
              source.evidenceQuote && <blockquote>{source.evidenceQuote}</blockquote>
            )}
            <History lines={source.verdictHistory} label={`Verdict history of ${source.title}`} />
          </div>
        );
      })}
      {note.sources.some((source) => source.evidencePassage) && (
        <p className="report__meta report__compare">
          <Link href={`/documents/${documentSlug}/notes/${note.number}/compare`}>Compare note {note.number} with its cited passages</Link>
        </p>
      )}
      {note.linked.length > 0 && (
        <>
          <p className="report__label">Linked annotations</p>
          <ul className="report__linked" aria-label={`Annotations linked to note ${note.number}`}>
            {note.linked.map((linked, index) => (
              <li key={index}>{describeLinkedAnnotation(linked)}</li>
            ))}
          </ul>
        </>
      )}
      <History lines={note.history} label={`History of note ${note.number}`} />
    </section>
  );
}

export default async function VerificationReportPage({ params }: ReportPageProps) {
  const { documentSlug } = await params;
  const page = await getVerificationReportPage(await getViewer(), documentSlug);
  if (!page) notFound();
  const { model, signOff } = page;
  const exportBase = `/api/documents/${page.slug}/export`;
  return (
    <div className="page report">
      <p className="breadcrumb">
        <Link href={`/documents/${page.slug}`}>{model.title}</Link> · <Link href={`/documents/${page.slug}/sources`}>Verification desk</Link>
      </p>
      <h1>{reportTitle(model)}</h1>
      <p className="report__meta">{reportByline(model)}</p>
      <p className="report__downloads">
        Download: <a href={`${exportBase}/report.html`}>report.html</a> · <a href={`${exportBase}/report.pdf`}>report.pdf</a> · <a href={`${exportBase}/report.md`}>report.md</a>
      </p>
      <section className="report__sign-off" aria-label="Sign-off">
        {signOff ? (
          <>
            <p>
              Signed off by {signOff.signedBy} on {formatInstant(signOff.signedAt)} for version {signOff.versionNumber}. SHA-256 of the signed report:{' '}
              <code className="report__hash">{signOff.sha256}</code>
            </p>
            {signOff.changes.length === 0 ? (
              <p>Nothing has changed since the sign-off.</p>
            ) : (
              <>
                <h2>Changed since the sign-off</h2>
                <ul aria-label="Changed since the sign-off">
                  {signOff.changes.map((change) => (
                    <li key={change}>{change}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <p>This version’s report has not been signed off.</p>
        )}
        {page.canSignOff && <SignOffButton documentSlug={page.slug} versionNumber={model.versionNumber} />}
      </section>
      <h2>Coverage</h2>
      <dl className="report__coverage">
        {model.coverage.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <nav aria-label="Contents" className="report__toc">
        <h2>Contents</h2>
        <ol>
          {model.notes.map((note) => (
            <li key={note.number}>
              <a href={`#note-${note.number}`}>Note {note.number}</a> · {note.status}
            </li>
          ))}
          <li>
            <a href="#uncited">Sentences citing nothing</a>
          </li>
        </ol>
      </nav>
      {model.notes.map((note) => (
        <NoteSection key={note.number} note={note} documentSlug={page.slug} />
      ))}
      <section id="uncited" aria-labelledby="uncited-heading">
        <h2 id="uncited-heading">Sentences citing nothing</h2>
        {model.uncitedSentences.length === 0 ? (
          <p className="report__meta">The citation lens marks no sentence.</p>
        ) : (
          <ul>
            {model.uncitedSentences.map((sentence, index) => (
              <li key={index}>{sentence}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
