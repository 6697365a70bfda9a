'use client';

import { useEffect, useRef, useState } from 'react';

type Status = { kind: 'loading' } | { kind: 'shown'; pageCount: number } | { kind: 'failed'; message: string };

/** One page of a stored PDF, drawn by pdf.js, which is fetched only on this page. */
export function PdfPageView({ src, pageNumber, label }: { src: string; pageNumber: number; label: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });

  useEffect(() => {
    let isCancelled = false;
    let destroy: (() => Promise<void>) | null = null;
    async function draw() {
      // The legacy build runs in browsers a year or two old as well; it is fetched only here, when a page is asked for.
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/worker';
      // Nothing in the file is compiled to code, and glyphs are drawn as paths rather than loaded as web fonts.
      const task = pdfjs.getDocument({ url: src, isEvalSupported: false, disableFontFace: true, withCredentials: true });
      destroy = () => task.destroy();
      const pdf = await task.promise;
      const page = await pdf.getPage(pageNumber);
      const canvas = canvasRef.current;
      if (isCancelled || !canvas) return;
      const viewport = page.getViewport({ scale: Math.min(2, Math.max(1, window.devicePixelRatio || 1)) * 1.25 });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, viewport }).promise;
      if (!isCancelled) setStatus({ kind: 'shown', pageCount: pdf.numPages });
    }
    draw().catch((error: unknown) => {
      if (!isCancelled) setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      isCancelled = true;
      void destroy?.();
    };
  }, [src, pageNumber]);

  return (
    <figure className="pdf-page">
      <canvas ref={canvasRef} className="pdf-page__canvas" role="img" aria-label={label} />
      <figcaption role="status">
        {status.kind === 'loading' && 'Drawing the page…'}
        {status.kind === 'shown' && `${label}, page ${pageNumber} of ${status.pageCount}.`}
        {status.kind === 'failed' && `The page could not be drawn: ${status.message}`}
      </figcaption>
    </figure>
  );
}
