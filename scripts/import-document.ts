// Imports a Markdown, plain-text, HTML or PDF document into a workspace, as its owner, through the same data-layer
// call as the import page and API: `npm run import -- <file> --workspace <slug> [--slug s] [--title t] [--format f]`.
// Uses DATABASE_URL, or the local embedded database in .data/postgres.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importDocument, type ImportResult } from '@/lib/dal/document-import';
import { importPdfDocument } from '@/lib/dal/pdf-import';
import { getDb } from '@/lib/db';
import { isPdf } from '@/lib/domain/import-formats';
import { AppError } from '@/lib/errors';
import { applyMigrations } from '@/lib/migrate';
import { MAX_PDF_BYTES } from '@/lib/pdf/read-pdf-text';
import { decodeUtf8 } from '@/lib/request-info';
import { MAX_IMPORT_BYTES } from '@/lib/validation/document-import';
import { runScript, withDatabase } from './with-database';

const USAGE = 'Usage: npm run import -- <file> --workspace <slug> [--slug <address>] [--title <title>] [--format markdown|text|html|pdf]';

runScript(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { workspace: { type: 'string' }, slug: { type: 'string' }, title: { type: 'string' }, format: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.workspace) throw new Error(USAGE);
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? `There is no file ${file}.` : `${file} cannot be read: ${error.message}`);
  });
  const isPdfFile = values.format === 'pdf' || isPdf({ fileName: file });
  const limit = isPdfFile ? MAX_PDF_BYTES : MAX_IMPORT_BYTES;
  if (bytes.byteLength > limit) throw new Error(`${file} is larger than ${limit / 1024 / 1024} MB; split it before importing.`);
  const content = isPdfFile ? '' : decodeUtf8(bytes, file);
  const workspaceSlug = values.workspace;

  await withDatabase(async (url) => {
    await applyMigrations(url);
    // The data layer reads the database from DATABASE_URL; point it at the one this run uses.
    process.env.DATABASE_URL = url;
    const db = getDb();
    try {
      const owner = await db.membership.findFirst({
        where: { workspace: { slug: workspaceSlug }, role: 'OWNER' },
        orderBy: { createdAt: 'asc' },
        select: { user: { select: { id: true, name: true, email: true } } },
      });
      if (!owner) throw new Error(`There is no workspace "${workspaceSlug}" with an owner to import as.`);
      const fields = { workspaceSlug, fileName: path.basename(file), slug: values.slug, title: values.title };
      const imported = isPdfFile ? importPdfDocument(owner.user, fields, new Uint8Array(bytes)) : importDocument(owner.user, { ...fields, content, format: values.format });
      const result = await imported.catch((error: unknown) => {
        if (error instanceof AppError) throw new Error(describeFailure(error));
        throw error;
      });
      console.log(describeResult(result));
    } finally {
      await db.$disconnect();
    }
  });
});

function describeFailure(error: AppError): string {
  const fields = Object.entries(error.fieldErrors ?? {})
    .filter(([, messages]) => messages.join(' ') !== error.message)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`);
  return [error.message, ...fields].join('\n  ');
}

function describeResult(result: ImportResult): string {
  const { preview } = result;
  const lines = [
    result.isNewDocument
      ? `Imported "${result.title}" as /documents/${result.documentSlug}.`
      : result.isNewVersion
        ? `Stored version ${result.versionNumber} of "${result.title}" (/documents/${result.documentSlug}).`
        : `Unchanged: this text is already version ${result.versionNumber} of "${result.title}" (/documents/${result.documentSlug}).`,
    `  ${preview.sections.length} sections, ${preview.paragraphCount} paragraphs, ${preview.markerCount} footnote markers, ${preview.noteCount} note texts` +
      (preview.removedMarkup > 0 ? `, ${preview.removedMarkup} pieces of markup removed` : '') +
      '.',
  ];
  if (preview.markersWithoutNotes.length > 0) lines.push(`  No note text for ${preview.markersWithoutNotes.map((number) => `[${number}]`).join(', ')}.`);
  if (result.reanchor) {
    const { exact, moved, fuzzy, orphan, needsConfirmation } = result.reanchor;
    lines.push(`  Annotations re-anchored: ${exact} exact, ${moved} moved, ${fuzzy} fuzzy, ${orphan} orphaned; ${needsConfirmation} need confirmation.`);
  }
  return lines.join('\n');
}
