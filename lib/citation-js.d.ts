// Citation.js ships no type declarations: the few members used here (lib/reference-import.ts), typed narrowly.
declare module '@citation-js/core' {
  /** A parsed set of references; `data` is CSL-JSON. */
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    data: object[];
    format(format: 'bibtex' | 'data', options?: Record<string, unknown>): string;
  }
  /** The plugin registry; `config.get('@bibtex')` is the BibTeX plugin's settings. */
  export const plugins: { config: { get(name: string): unknown } };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
