import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Raw HTML in a comment is dropped, never rendered; links leave the page without handing it over.
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="markdown-image-alt">{alt ? `[image: ${alt}]` : '[image]'}</span>,
  h1: ({ children }) => <p className="markdown-heading">{children}</p>,
  h2: ({ children }) => <p className="markdown-heading">{children}</p>,
  h3: ({ children }) => <p className="markdown-heading">{children}</p>,
};

/** An annotation's Markdown rendered safely: no raw HTML, no scripts, unsafe link schemes removed, images as text. */
export function MarkdownBody({ text }: { text: string }) {
  return (
    <div className="markdown-body">
      <Markdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {text}
      </Markdown>
    </div>
  );
}
