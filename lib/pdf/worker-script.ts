import { readFile } from 'node:fs/promises';
import path from 'node:path';

let script: Promise<string> | null = null;

/** Returns pdf.js's browser worker script (the build that matches the viewer's pdfjs-dist), read once. */
export function readPdfJsWorkerScript(): Promise<string> {
  // Read from the installed package at run time: bundling it would make it part of the server's own code.
  script ??= readFile(path.join(process.cwd(), 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.worker.min.mjs'), 'utf8');
  return script;
}
