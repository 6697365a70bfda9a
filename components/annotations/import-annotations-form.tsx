'use client';

import Link from 'next/link';
import { useActionState, useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { FieldShell } from '@/components/ui/field-shell';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { TextAreaField } from '@/components/ui/text-area-field';
import { importAnnotationsAction } from '@/lib/actions/annotation-import';
import type { AnnotationImportReport } from '@/lib/dal/annotation-import';
import type { ActionResult } from '@/lib/errors';

// MAX_IMPORT_BYTES of the data layer, which a client component cannot import.
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The import form: a file or pasted JSON, a format, and the report of what was imported once it is done. */
export function ImportAnnotationsForm({ documentSlug }: { documentSlug: string }) {
  const [result, formAction, isPending] = useActionState(
    (previous: ActionResult<AnnotationImportReport> | null, form: FormData) => importAnnotationsAction(documentSlug, previous, form),
    null,
  );
  const submitToServer = submitWithoutReset(formAction);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  // A file over the limit is refused here: sending it would only be cut off on the way, without a clear message.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const file = new FormData(event.currentTarget).get('file');
    const pasted = new FormData(event.currentTarget).get('pasted');
    const size = file instanceof File && file.size > 0 ? file.size : new Blob([typeof pasted === 'string' ? pasted : '']).size;
    if (size > MAX_UPLOAD_BYTES) {
      event.preventDefault();
      setTooLarge('The file is larger than 10 MB. Split it into smaller files and import each.');
      return;
    }
    setTooLarge(null);
    submitToServer(event);
  };
  const id = useId();
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const errors = tooLarge ? { file: ['Larger than 10 MB.'] } : result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const report = result?.ok ? result.value : null;

  // The report replaces nothing on screen; moving focus to it lets keyboard and screen-reader users find it.
  useEffect(() => {
    if (report) reportHeading.current?.focus();
  }, [report]);

  return (
    <>
      <form onSubmit={submit} className="form import-form" aria-label="Import annotations" noValidate>
        <FormAlert message={tooLarge ?? (result && !result.ok ? result.error : null)} />
        <FieldShell id={`${id}-file`} label="Annotation file" hint="JSON, at most 10 MB and 10,000 annotations." errors={errors.file}>
          {(aria) => <input id={`${id}-file`} name="file" type="file" accept=".json,.jsonld,application/json,application/ld+json" className="form-field__input" {...aria} />}
        </FieldShell>
        <TextAreaField
          id={`${id}-pasted`}
          label="Or paste the JSON"
          name="pasted"
          rows={6}
          spellCheck={false}
          hint="Used when no file is chosen."
          className="form-field__input import-form__paste"
        />
        <FieldShell id={`${id}-format`} label="Format" errors={errors.format}>
          {(aria) => (
            <select id={`${id}-format`} name="format" defaultValue="auto" className="select" {...aria}>
              <option value="auto">Detect from the file</option>
              <option value="w3c">W3C Web Annotation (JSON-LD)</option>
              <option value="hypothesis">Hypothesis (API search result or export)</option>
            </select>
          )}
        </FieldShell>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={isPending}>
            {isPending ? 'Importing…' : 'Import'}
          </button>
          <Link href={`/documents/${documentSlug}`}>Back to the document</Link>
        </div>
      </form>
      {report && <ImportReport report={report} documentSlug={documentSlug} headingRef={reportHeading} />}
    </>
  );
}

function ImportReport({ report, documentSlug, headingRef }: { report: AnnotationImportReport; documentSlug: string; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const counts: Array<[string, number]> = [
    ['Imported', report.imported],
    ['Placed exactly', report.exact],
    ['Placed where the quote moved', report.moved],
    ['Placed on a similar passage', report.fuzzy],
    ['Not found in the text', report.orphaned],
    ['Notes on the whole page', report.pageNotes],
    ['Section discussions', report.sectionComments],
    ['Replies', report.replies],
    ['Links between annotations', report.links ?? 0],
    ['Already imported, skipped', report.skipped],
  ];
  return (
    <section className="import-report" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading" tabIndex={-1} ref={headingRef}>
        Import report
      </h2>
      <p role="status">
        {report.imported === 0
          ? `Nothing new: all ${report.skipped} annotations of this ${formatName(report.format)} file are on the document already.`
          : `${report.imported} annotation${report.imported === 1 ? '' : 's'} imported from a ${formatName(report.format)} file.`}
      </p>
      <dl className="import-report__counts">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {report.tagsCreated.length > 0 && <p>New tags in the workspace vocabulary: {report.tagsCreated.join(', ')}.</p>}
      {report.unplaced.length > 0 && (
        <>
          <h3>Not placed on a passage</h3>
          <p className="page__intro">These are on the document, listed under “Not found in the current text” in its annotations, where you can read them and reply.</p>
          <ul className="import-report__unplaced">
            {report.unplaced.map((item) => (
              <li key={item.id}>
                {item.quote !== null ? <blockquote>{item.quote}</blockquote> : <p className="import-report__kind">A note on the whole page</p>}
                {item.body && <p>{item.body}</p>}
                {item.originalCreator && <p className="import-report__by">Originally by {item.originalCreator}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.warnings.length > 0 && (
        <details>
          <summary>Notes on the file ({report.warnings.length})</summary>
          <ul>
            {report.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </details>
      )}
      <p>
        <Link href={`/documents/${documentSlug}`}>Read the document with its annotations</Link>
      </p>
    </section>
  );
}

function formatName(format: AnnotationImportReport['format']): string {
  return format === 'w3c' ? 'W3C Web Annotation' : 'Hypothesis';
}
