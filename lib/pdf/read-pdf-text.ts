import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PdfPageText } from '@/lib/domain/pdf-layout';

/** What a PDF holds for import: its pdf.js fingerprint, page count, metadata title and each page's text runs. */
export type PdfText = { fingerprint: string; pageCount: number; metadataTitle: string | null; pages: PdfPageText[] };

/** Why a PDF could not be read; `message` is for the person importing it. */
export type PdfReadFailure = { reason: 'encrypted' | 'corrupt' | 'too-many-pages' | 'too-complex'; message: string };

/** The most pages an import reads. */
export const MAX_PDF_PAGES = 500;
/** The largest PDF an import accepts, in bytes. */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;

// One PDF may take this long and this much heap before its worker is stopped.
const TIME_LIMIT_MS = 30_000;
const HEAP_LIMIT_MB = 256;
// At most this many PDFs are read at once; the rest wait their turn, so a burst of uploads cannot take every core.
const CONCURRENT_READS = 2;

/** Thrown by readPdfText with a failure a person can act on. */
export class PdfReadError extends Error {
  constructor(readonly failure: PdfReadFailure) {
    super(failure.message);
    this.name = 'PdfReadError';
  }
}

let running = 0;
const waiting: Array<() => void> = [];

/** Reads a PDF's text runs with pdf.js in a worker thread with a time and memory limit; throws PdfReadError. */
export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  if (running >= CONCURRENT_READS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await readInWorker(bytes);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

type WorkerAnswer = { ok: true; text: PdfText } | ({ ok: false } & PdfReadFailure);

function readInWorker(bytes: Uint8Array): Promise<PdfText> {
  // The worker is a plain module file beside this one; the app and the scripts run from the project's root.
  const file = path.join(process.cwd(), 'lib', 'pdf', 'pdf-text-worker.mjs');
  const worker = new Worker(file, {
    workerData: { bytes, maxPages: MAX_PDF_PAGES },
    resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 8 },
    stdout: true,
    stderr: true,
  });
  return new Promise<PdfText>((resolve, reject) => {
    let isSettled = false;
    const settle = (outcome: () => void): void => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const tooComplex = (detail: string): PdfReadError =>
      new PdfReadError({ reason: 'too-complex', message: `The PDF is too complex to read (${detail}). Export it again, or print it to a simpler PDF, and retry.` });
    const timer = setTimeout(() => settle(() => reject(tooComplex(`it took longer than ${TIME_LIMIT_MS / 1000} seconds`))), TIME_LIMIT_MS);
    worker.on('message', (answer: WorkerAnswer) =>
      settle(() => (answer.ok ? resolve(answer.text) : reject(new PdfReadError({ reason: answer.reason, message: answer.message })))),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex(`it needed more than ${HEAP_LIMIT_MB} MB of memory`) : tooComplex(error.message))),
    );
    worker.on('exit', () => settle(() => reject(tooComplex('the reader stopped'))));
  });
}
