import type { ImportResult } from '@/lib/dal/document-import';
import type { ImportPreview } from '@/lib/domain/document-import';

/** What sending a PDF from the import page came to: a preview, an import, or a failure with its message. */
export type PdfImportOutcome =
  | { ok: true; kind: 'preview'; value: ImportPreview & { slug: string } }
  | { ok: true; kind: 'import'; value: ImportResult }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Uploads a PDF to the workspace's import route (multipart, on the session), to preview or to import it. */
export async function sendPdfImport(workspaceSlug: string, file: File, fields: { title: string; slug: string; isPreview: boolean }): Promise<PdfImportOutcome> {
  const body = new FormData();
  body.set('file', file);
  if (fields.title.trim()) body.set('title', fields.title);
  if (fields.slug.trim()) body.set('slug', fields.slug);
  try {
    const response = await fetch(`/api/workspaces/${encodeURIComponent(workspaceSlug)}/documents${fields.isPreview ? '?preview=1' : ''}`, { method: 'POST', body });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (json as { error?: { message?: string; fieldErrors?: Record<string, string[]> } } | null)?.error;
      return { ok: false, error: error?.message ?? `The server answered ${response.status}.`, fieldErrors: error?.fieldErrors };
    }
    return fields.isPreview ? { ok: true, kind: 'preview', value: json as ImportPreview & { slug: string } } : { ok: true, kind: 'import', value: json as ImportResult };
  } catch {
    return { ok: false, error: 'The PDF could not be sent. Check your connection and try again.' };
  }
}
