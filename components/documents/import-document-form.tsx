'use client';

import Link from 'next/link';
import { startTransition, useActionState, useRef, useState, type ChangeEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { FormField } from '@/components/ui/form-field';
import { TextAreaField } from '@/components/ui/text-area-field';
import { importDocumentAction, previewDocumentImportAction } from '@/lib/actions/document-import';
import type { ImportResult } from '@/lib/dal/document-import';
import type { ImportPreview } from '@/lib/domain/document-import';
import { formatFromFileName, IMPORT_FORMAT_LABELS, IMPORT_FORMATS, isPdf, type ImportFormat } from '@/lib/domain/import-formats';
import { sendPdfImport, type PdfImportOutcome } from './pdf-upload';
import { MAX_IMPORT_BYTES } from '@/lib/validation/document-import';

const LIMIT_LABEL = `${MAX_IMPORT_BYTES / 1024 / 1024} MB`;
// The import page sends PDFs to the route handler, not to a server action, whose bodies are capped.
const MAX_PDF_BYTES = 20 * 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The import form: a file or pasted text, its format, an optional title and address; Preview, then Import. */
export function ImportDocumentForm({ workspaceSlug }: { workspaceSlug: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [previewResult, previewAction, isPreviewing] = useActionState(previewDocumentImportAction.bind(null, workspaceSlug), null);
  const [importResult, importAction, isImporting] = useActionState(importDocumentAction.bind(null, workspaceSlug), null);
  const [shown, setShown] = useState<'preview' | 'import' | null>(null);
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState('');
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [pdfFile, setPdfFile] = useState<File | null>(null);
  const [pdfOutcome, setPdfOutcome] = useState<PdfImportOutcome | null>(null);
  const [isSendingPdf, setIsSendingPdf] = useState(false);

  const result = pdfFile ? pdfOutcome : shown === 'preview' ? previewResult : shown === 'import' ? importResult : null;
  const failure = localError ? null : result && !result.ok ? result : null;
  const isPending = isPreviewing || isImporting || isSendingPdf;

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    setShown(null);
    setPdfFile(null);
    setPdfOutcome(null);
    if (!file) return;
    if (isPdf({ fileName: file.name, mediaType: file.type })) {
      if (file.size > MAX_PDF_BYTES) {
        event.currentTarget.value = '';
        setLocalError(`“${file.name}” is ${megabytes(file.size)}; a PDF can be at most 20 MB. Import the article alone, or compress its images.`);
        return;
      }
      setLocalError(null);
      setFileName(file.name);
      setContent('');
      setPdfFile(file);
      return;
    }
    // A file over the limit is never read or sent: the browser would upload it only for the server to refuse it.
    if (file.size > MAX_IMPORT_BYTES) {
      event.currentTarget.value = '';
      setLocalError(`“${file.name}” is ${megabytes(file.size)}; documents can be at most ${LIMIT_LABEL}. Split it, or import the article without its appendices.`);
      return;
    }
    const detected = formatFromFileName(file.name);
    if (!detected) {
      event.currentTarget.value = '';
      setLocalError(`“${file.name}” is not a Markdown (.md), plain text (.txt), HTML (.html) or PDF (.pdf) file.`);
      return;
    }
    setLocalError(null);
    setFileName(file.name);
    setFormat(detected);
    setContent(await file.text());
  }

  function submit(kind: 'preview' | 'import') {
    const form = formRef.current;
    if (!form) return;
    if (pdfFile) {
      setLocalError(null);
      setShown(kind);
      setIsSendingPdf(true);
      const data = new FormData(form);
      void sendPdfImport(workspaceSlug, pdfFile, { title: String(data.get('title') ?? ''), slug: String(data.get('slug') ?? ''), isPreview: kind === 'preview' })
        .then(setPdfOutcome)
        .finally(() => setIsSendingPdf(false));
      return;
    }
    if (new Blob([content]).size > MAX_IMPORT_BYTES) {
      setLocalError(`The text is ${megabytes(new Blob([content]).size)}; documents can be at most ${LIMIT_LABEL}.`);
      return;
    }
    setLocalError(null);
    setShown(kind);
    const data = new FormData(form);
    startTransition(() => (kind === 'preview' ? previewAction(data) : importAction(data)));
  }

  return (
    <div className="import-page">
      <form
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit('import');
        }}
      >
        <FormAlert message={localError ?? (failure && !failure.fieldErrors?.content ? failure.error : null)} />
        <div className="form-field">
          <label htmlFor="import-file" className="form-field__label">
            Choose a file
          </label>
          <p id="import-file-hint" className="form-field__hint">
            Markdown, plain text or HTML, up to {LIMIT_LABEL}, or a PDF up to 20 MB. The text of a Markdown, plain-text or HTML file appears below, where you can check it. Or paste the text instead.
          </p>
          <input
            id="import-file"
            type="file"
            accept=".md,.markdown,.txt,.html,.htm,.pdf,text/markdown,text/plain,text/html,application/pdf"
            aria-describedby="import-file-hint"
            onChange={chooseFile}
          />
          {pdfFile && (
            <p className="status-message">
              PDF chosen: {pdfFile.name} ({megabytes(pdfFile.size)}). Its text, headings and notes are read on the server; Preview shows what was found.
            </p>
          )}
        </div>
        <input type="hidden" name="fileName" value={fileName} />
        <TextAreaField
          id="import-content"
          label="Document text"
          name="content"
          rows={12}
          value={content}
          disabled={pdfFile !== null}
          onChange={(event) => {
            setContent(event.currentTarget.value);
            setFileName('');
          }}
          hint="Markdown with [^1] footnotes, plain text with [1] markers and a Notes section at the end, or an HTML article."
          errors={failure?.fieldErrors?.content}
          spellCheck={false}
        />
        <div className="form-field">
          <label htmlFor="import-format" className="form-field__label">
            Format
          </label>
          <select id="import-format" name="format" className="select" value={format} onChange={(event) => setFormat(event.currentTarget.value as ImportFormat | '')}>
            <option value="">Detect from the file or the text</option>
            {IMPORT_FORMATS.map((option) => (
              <option key={option} value={option}>
                {IMPORT_FORMAT_LABELS[option]}
              </option>
            ))}
          </select>
          {failure?.fieldErrors?.format && <p className="form-field__error">{failure.fieldErrors.format.join(' ')}</p>}
        </div>
        <FormField label="Title" name="title" maxLength={300} hint="Leave empty to use the document’s own title." errors={failure?.fieldErrors?.title} />
        <FormField
          label="Address"
          name="slug"
          maxLength={80}
          hint="The document’s address, /documents/…. Use an existing document’s address to import a new version of it."
          errors={failure?.fieldErrors?.slug}
        />
        <div className="button-row">
          <button type="button" className="button" disabled={isPending} onClick={() => submit('preview')}>
            {isPreviewing ? 'Reading…' : 'Preview'}
          </button>
          <button type="submit" className="button button--primary" disabled={isPending}>
            {isImporting ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {!pdfFile && shown === 'preview' && previewResult?.ok && <PreviewPanel preview={previewResult.value} />}
      {!pdfFile && shown === 'import' && importResult?.ok && <ImportOutcome result={importResult.value} />}
      {pdfFile && pdfOutcome?.ok && pdfOutcome.kind === 'preview' && <PreviewPanel preview={pdfOutcome.value} />}
      {pdfFile && pdfOutcome?.ok && pdfOutcome.kind === 'import' && <ImportOutcome result={pdfOutcome.value} />}
    </div>
  );
}

function PreviewPanel({ preview }: { preview: ImportPreview & { slug: string } }) {
  return (
    <section aria-labelledby="import-preview-heading" className="import-preview">
      <h2 id="import-preview-heading">Preview</h2>
      <p className="import-preview__title">{preview.title}</p>
      <p className="status-message">
        {IMPORT_FORMAT_LABELS[preview.format]}, to be stored at /documents/{preview.slug}. Nothing is stored until you import it.
      </p>
      <dl className="import-figures">
        <FigureRow label="Sections" value={preview.sections.length} />
        <FigureRow label="Paragraphs" value={preview.paragraphCount} />
        <FigureRow label="Footnote markers" value={preview.markerCount} />
        <FigureRow label="Notes with text" value={preview.noteCount} />
        <FigureRow label="Markup removed" value={preview.removedMarkup} />
      </dl>
      {preview.markersWithoutNotes.length > 0 && (
        <p className="status-message">
          No note text for {preview.markersWithoutNotes.length === 1 ? 'marker' : 'markers'} {preview.markersWithoutNotes.map((number) => `[${number}]`).join(', ')}: the reader will say the
          copy lacks {preview.markersWithoutNotes.length === 1 ? 'it' : 'them'}.
        </p>
      )}
      {preview.removedMarkup > 0 && (
        <p className="status-message">
          {preview.removedMarkup} {preview.removedMarkup === 1 ? 'piece' : 'pieces'} of markup (scripts, styles, frames, event handlers or script links) will not be kept. Only the text is stored.
        </p>
      )}
      {preview.sections.length > 0 && (
        <>
          <h3>Sections</h3>
          <ol className="import-preview__sections">
            {preview.sections.map((heading, i) => (
              <li key={i}>{heading ?? 'Untitled section'}</li>
            ))}
          </ol>
        </>
      )}
      <h3>First paragraphs</h3>
      {preview.firstParagraphs.map((paragraph, i) => (
        <p key={i} className="import-preview__paragraph">
          {paragraph}
        </p>
      ))}
    </section>
  );
}

function FigureRow({ label, value }: { label: string; value: number }) {
  return (
    <div className="import-figures__row">
      <dt>{label}</dt>
      <dd>{value.toLocaleString('en')}</dd>
    </div>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const href = `/documents/${result.documentSlug}`;
  return (
    <section aria-labelledby="import-result-heading" className="import-preview">
      <h2 id="import-result-heading">{result.isNewDocument ? 'Imported' : result.isNewVersion ? `Version ${result.versionNumber} stored` : 'Already up to date'}</h2>
      <p>
        {result.isNewDocument
          ? `“${result.title}” is now a document of this workspace, with ${result.preview.paragraphCount} paragraphs and ${result.preview.noteCount} note texts.`
          : result.isNewVersion
            ? `“${result.title}” has a new version ${result.versionNumber}. Its annotations were placed again on the new text:`
            : `This text is already version ${result.versionNumber} of “${result.title}”. Nothing was changed.`}
      </p>
      {result.reanchor && (
        <dl className="import-figures">
          <FigureRow label="Exact" value={result.reanchor.exact} />
          <FigureRow label="Moved" value={result.reanchor.moved} />
          <FigureRow label="Fuzzy" value={result.reanchor.fuzzy} />
          <FigureRow label="Orphaned" value={result.reanchor.orphan} />
          <FigureRow label="Needs confirmation" value={result.reanchor.needsConfirmation} />
        </dl>
      )}
      <p>
        <Link href={href} className="button button--primary">
          Open {result.title}
        </Link>
      </p>
    </section>
  );
}
