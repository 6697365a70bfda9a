import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'next';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

export const metadata: Metadata = { title: 'API' };
export const dynamic = 'force-static';

// One text for the repository and the app: docs/api.md is read at build time, so the page is static.
export default async function ApiDocsPage() {
  const text = await readFile(path.join(process.cwd(), 'docs', 'api.md'), 'utf8');
  return (
    <div className="page page--prose">
      <div className="markdown-body docs-body">
        <Markdown remarkPlugins={[remarkGfm]} skipHtml>
          {text}
        </Markdown>
      </div>
    </div>
  );
}
