import { readPdfJsWorkerScript } from '@/lib/pdf/worker-script';

export const runtime = 'nodejs';

// pdf.js's worker for the page viewer, served from our origin so the Content-Security-Policy can allow it and
// nothing else (`worker-src 'self'`).
export async function GET() {
  return new Response(await readPdfJsWorkerScript(), {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' },
  });
}
