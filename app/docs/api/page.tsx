import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'next';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

export const metadata: Metadata = { title: 'API' };

// Code blocks and tables scroll sideways on narrow screens; a keyboard user must be able to focus them to scroll.
const components: Components = {
  pre: ({ children }) => <pre tabIndex={0}>{children}</pre>,
  table: ({ children }) => <table tabIndex={0}>{children}</table>,
};

// One text for the repository and the app: the page renders docs/api.md. It is not prerendered, since the site
// header above it shows who is signed in.
export default async function ApiDocsPage() {
  const text = await readFile(path.join(process.cwd(), 'docs', 'api.md'), 'utf8');
  return (
    <div className="page page--prose">
      <div className="markdown-body docs-body">
        <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
          {text}
        </Markdown>
      </div>
    </div>
  );
}
