import type { ReactElement } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { mentionsAsAnchors } from '@/lib/domain/mentions';

// Raw HTML in a comment is dropped, never rendered; links leave the page without handing it over.
const components: Components = {
  a: ({ href, children }) =>
    // A mention (see lib/domain/mentions.ts) is the person's name, not a link.
    href?.startsWith('#mention-') ? (
      <span className="mention">{children}</span>
    ) : (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
        {children}
      </a>
    ),
  img: ({ alt }) => <span className="markdown-image-alt">{alt ? `[image: ${alt}]` : '[image]'}</span>,
  h1: ({ children }) => <p className="markdown-heading">{children}</p>,
  h2: ({ children }) => <p className="markdown-heading">{children}</p>,
  h3: ({ children }) => <p className="markdown-heading">{children}</p>,
};

// Parsing Markdown costs about a millisecond a comment, and the reader lists a batch of threads on every view. The
// output depends on the text alone, so the elements are kept per text (the most recently used few thousand) and
// reused; React elements are immutable, so sharing them between requests is safe.
const RENDERED_LIMIT = 5000;
const rendered = new Map<string, ReactElement>();

function renderMarkdown(text: string): ReactElement {
  const known = rendered.get(text);
  if (known) {
    rendered.delete(text);
    rendered.set(text, known);
    return known;
  }
  const element = Markdown({ children: mentionsAsAnchors(text), remarkPlugins: [remarkGfm], skipHtml: true, components });
  rendered.set(text, element);
  if (rendered.size > RENDERED_LIMIT) rendered.delete(rendered.keys().next().value ?? '');
  return element;
}

/** An annotation's Markdown rendered safely: no raw HTML, no scripts, unsafe link schemes removed, images as text. */
export function MarkdownBody({ text }: { text: string }) {
  return <div className="markdown-body">{renderMarkdown(text)}</div>;
}
