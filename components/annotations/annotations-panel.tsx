import Link from 'next/link';
import type { AnnotationView } from '@/lib/dal/annotations';
import { isFilterActive, type AnnotationFilter } from '@/lib/domain/annotation-filter';
import { ANNOTATION_LIST_LIMIT, type AnnotationList } from '@/lib/domain/annotation-list';
import { AnnotationThreads } from './annotation-threads';
import { OnScreenToggle } from './on-screen-toggle';

type FilterChoices = { authors: string[]; tags: string[]; sections: Array<{ slug: string; name: string }>; footnotes: number[] };
type PanelProps = {
  documentSlug: string;
  list: AnnotationList<AnnotationView>;
  isSignedIn: boolean;
  canShare: boolean;
  filter: AnnotationFilter;
  choices: FilterChoices;
  /** Whether to list every thread; otherwise the first ANNOTATION_LIST_LIMIT, with a way to see the rest. */
  isListComplete: boolean;
};

const LIST_LIMIT = ANNOTATION_LIST_LIMIT;

/** The Annotations region beside the text (below it on a phone): threads in document order, and the ones no longer placed. */
export function AnnotationsPanel({ documentSlug, list, isSignedIn, canShare, filter, choices, isListComplete }: PanelProps) {
  const { placed, orphans } = list;
  return (
    <section className="annotations-panel" aria-label="Annotations">
      <h2 className="annotations-panel__title">
        Annotations <span className="annotations-panel__count">({placed.length})</span>
      </h2>
      {isSignedIn && (
        <div className="annotations-panel__tools">
          <AnnotationFilterForm documentSlug={documentSlug} filter={filter} choices={choices} />
          {placed.length > 0 && <OnScreenToggle />}
        </div>
      )}
      {!isSignedIn ? (
        <p className="annotations-panel__empty">Sign in to annotate this document and to see your team’s annotations.</p>
      ) : placed.length === 0 && isFilterActive(filter) ? (
        <p className="annotations-panel__empty">No annotation matches this filter.</p>
      ) : placed.length === 0 ? (
        <p className="annotations-panel__empty">
          No annotations yet. Select a passage and choose Annotate{canShare ? '' : ' to keep a private note'}, or press <kbd>?</kbd> for shortcuts.
        </p>
      ) : (
        <>
          <AnnotationThreads threads={isListComplete ? placed : placed.slice(0, LIST_LIMIT)} documentSlug={documentSlug} />
          {!isListComplete && placed.length > LIST_LIMIT && (
            <p className="annotations-panel__more">
              Showing the first {LIST_LIMIT} of {placed.length} threads.{' '}
              <Link href={`/documents/${documentSlug}?${new URLSearchParams({ ...filterParams(filter), list: 'all' }).toString()}`}>Show all</Link> or narrow them with the filter.
            </p>
          )}
        </>
      )}
      {orphans.length > 0 && (
        <details className="annotations-panel__orphans">
          <summary>Not found in the current text ({orphans.length})</summary>
          <p className="form-field__hint">The passages these annotations quoted were changed or removed. They are kept here, never lost.</p>
          <AnnotationThreads threads={orphans} documentSlug={documentSlug} />
        </details>
      )}
    </section>
  );
}

function Choice({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: Array<[string, string]> }) {
  return (
    <div className="form-field">
      <label htmlFor={`filter-${name}`} className="form-field__label">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''} className="select">
        <option value="">Any</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

// A plain GET form: the filter lives in the address, so it can be shared, bookmarked and works without scripts.
function AnnotationFilterForm({ documentSlug, filter, choices }: { documentSlug: string; filter: AnnotationFilter; choices: FilterChoices }) {
  const isActive = isFilterActive(filter);
  return (
    <details className="annotation-filter" open={isActive}>
      <summary>{isActive ? 'Filter (on)' : 'Filter'}</summary>
      <form action={`/documents/${documentSlug}`} className="form form--compact annotation-filter__form" aria-label="Filter annotations">
        <Choice name="tag" label="Tag" value={filter.tag} options={choices.tags.map((tag) => [tag.toLowerCase(), tag])} />
        <Choice name="author" label="Author" value={filter.author} options={choices.authors.map((author) => [author, author])} />
        <Choice name="section" label="Section" value={filter.section} options={choices.sections.map((section) => [section.slug, section.name])} />
        <Choice name="footnote" label="Claims citing note" value={filter.footnote?.toString()} options={choices.footnotes.map((number) => [String(number), `Note ${number}`])} />
        <Choice name="status" label="Status" value={filter.status} options={[['OPEN', 'Open'], ['RESOLVED', 'Resolved']]} />
        <Choice name="visibility" label="Visibility" value={filter.visibility} options={[['PRIVATE', 'Only me'], ['WORKSPACE', 'The workspace']]} />
        <div className="button-row">
          <button type="submit" className="button button--primary button--small">
            Apply filter
          </button>
          {isActive && <Link href={`/documents/${documentSlug}`}>Clear filter</Link>}
        </div>
      </form>
    </details>
  );
}

function filterParams(filter: AnnotationFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
}
