// Screenshots of the main pages at desktop and phone widths, light and dark, for looking at what
// we build:  npx tsx scripts/screenshots.ts [base-url] [out-dir]
// It also renews the README's pictures of the reader with a note open, in docs/ (reader-note-*.png).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';

const baseUrl = process.argv[2] ?? 'http://localhost:3000';
const outDir = process.argv[3] ?? path.join('test-results', 'screenshots');
const pages = [
  { name: 'home', path: '/' },
  { name: 'reader', path: '/documents/exporting-jihad' },
  { name: 'not-found', path: '/documents/no-such-document' },
  { name: 'api-docs', path: '/docs/api' },
];
const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 375, height: 812 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking'],
});
await mkdir(outDir, { recursive: true });
for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of viewports) {
    const context = await browser.newContext({ viewport, colorScheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const target of pages) {
      await page.goto(new URL(target.path, baseUrl).toString(), { waitUntil: 'networkidle' });
      const file = path.join(outDir, `${target.name}-${viewport.name}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
}
// The reader with note 12 open (#fn-12 brings its marker to the reading line and opens it), for the README.
for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of viewports) {
    const context = await browser.newContext({ viewport: { width: viewport.width, height: 800 }, colorScheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(new URL('/documents/exporting-jihad#fn-12', baseUrl).toString(), { waitUntil: 'networkidle' });
    await page.getByRole('region', { name: 'Footnote 12', exact: true }).waitFor();
    const file = path.join('docs', `reader-note-${viewport.name}-${colorScheme}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await context.close();
  }
}
await browser.close();
