import type { Metadata } from 'next';
import Link from 'next/link';
import { searchEverything, type SearchResponse, type SearchResult } from '@/lib/dal/search';
import { getViewer } from '@/lib/dal/viewer';
import { AppError } from '@/lib/errors';

export const metadata: Metadata = { title: 'Search' };

const KIND_LABELS: Record<SearchResult['kind'], string> = {
  paragraph: 'Text',
  annotation: 'Annotation',
  reply: 'Reply',
  discussion: 'Section discussion',
  footnote: 'Footnote',
  source: 'Source',
};

type SearchPageProps = { searchParams: Promise<{ q?: string | string[]; document?: string }> };

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const params = await searchParams;
  const raw = (Array.isArray(params.q) ? params.q.join(' ') : (params.q ?? '')).trim();
  let response: SearchResponse | null = null;
  let problem: string | null = null;
  if (raw) {
    try {
      response = await searchEverything(await getViewer(), raw, { documentSlug: params.document });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem = error.message;
    }
  }
  return (
    <div className="page page--narrow">
      <h1>Search</h1>
      <form role="search" action="/search" className="search-form">
        <label htmlFor="search-query" className="visually-hidden">
          Search text, annotations, discussions and sources
        </label>
        <input id="search-query" name="q" type="search" className="form-field__input" defaultValue={raw} maxLength={2000} />
        {params.document && <input type="hidden" name="document" value={params.document} />}
        <button type="submit" className="button button--primary">
          Search
        </button>
      </form>
      <p className="form-field__hint">
        Words, &quot;exact phrases&quot;, -exclusions, OR; and <code>tag:statistic</code>, <code>user:Ana</code>, <code>quote:&quot;2 and 5 thousand&quot;</code>.
      </p>
      {problem && <p role="alert" className="form-alert">{problem}</p>}
      {response && (
        <section aria-label="Results">
          <p role="status">{response.results.length === 0 ? 'Nothing found. Try fewer or other words.' : `${response.results.length} found`}</p>
          <ol className="plain-list search-results">
            {response.results.map((result) => (
              <li key={`${result.kind}-${result.id}`} className="plain-list__item">
                <p className="plain-list__meta">
                  {KIND_LABELS[result.kind]} · {result.documentTitle}
                  {result.author && ` · ${result.author}`}
                </p>
                <Link href={result.href} className="search-results__link">
                  {result.snippet.length === 0
                    ? 'Open'
                    : result.snippet.map((run, index) => (run.isMatch ? <mark key={index}>{run.text}</mark> : <span key={index}>{run.text}</span>))}
                </Link>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
