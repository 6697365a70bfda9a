import TurndownService from 'turndown';

// HTML comments from other annotation tools become Markdown, the one format comments are kept in. Turndown does
// the conversion; what it would otherwise carry over as text (scripts, styles, embedded frames and forms) is
// dropped first, and links keep their addresses for the Markdown renderer, which neutralises unsafe ones.

const REMOVED = ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'form', 'input', 'button', 'select', 'textarea', 'head', 'title', 'meta', 'link'] as const;

let converter: TurndownService | null = null;

function converterOf(): TurndownService {
  if (converter) return converter;
  converter = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });
  converter.remove([...REMOVED]);
  // Images become their alternative text with the address, so a comment never loads anything by itself.
  converter.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const element = node as { getAttribute?: (name: string) => string | null };
      const alt = element.getAttribute?.('alt')?.trim() ?? '';
      const src = element.getAttribute?.('src')?.trim() ?? '';
      return src === '' ? alt : `[${alt || 'image'}](${src})`;
    },
  });
  return converter;
}

/** Converts an HTML fragment (a `text/html` comment) to Markdown, dropping scripts, styles, frames and forms. Pure. */
export function htmlToMarkdown(html: string): string {
  return converterOf().turndown(html).trim();
}
