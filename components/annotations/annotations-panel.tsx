import Link from 'next/link';
import type { ListedThreads } from '@/lib/dal/reader-annotations';
import { filterSearchParams, isFilterActive, type AnnotationFilter } from '@/lib/domain/annotation-filter';
import { ANNOTATION_LIST_BATCH, listParameter } from '@/lib/domain/annotation-list';
import { LINK_KINDS, linkKindSlug, linkPhrase } from '@/lib/domain/annotation-links';
import { AnnotationThreads } from './annotation-threads';
import { OnScreenToggle } from './on-screen-toggle';
import { PageNoteForm } from './page-note-form';

type FilterChoices = { authors: string[]; tags: string[]; sections: Array<{ slug: string; name: string }>; footnotes: number[] };
type PanelProps = {
  documentSlug: string;
  /** The threads the page lists (a window of them, when there are many) and the orphans. */
  list: ListedThreads;
  isSignedIn: boolean;
  canShare: boolean;
  filter: AnnotationFilter;
  choices: FilterChoices;
};

const formatCount = (count: number) => count.toLocaleString('en-GB');

/** The Annotations region beside the text (below it on a phone): threads in document order, and the ones no longer placed. */
export function AnnotationsPanel({ documentSlug, list, isSignedIn, canShare, filter, choices }: PanelProps) {
  const { placed, orphans, window } = list;
  // Notes on the whole document never had a passage; they are listed apart from the quotes the text lost.
  const pageNotes = orphans.filter((thread) => thread.item?.isPageNote === true);
  const unplaced = orphans.filter((thread) => thread.item?.isPageNote !== true);
  // Another batch opens in place, without reloading the page or moving the text; focus goes to its first card. None
  // is fetched ahead: each is a render over every annotation of the document.
  const hrefFor = (start: number, end: number, focusId: string) =>
    `/documents/${documentSlug}?${new URLSearchParams({ ...filterSearchParams(filter), list: listParameter(window, start, end) }).toString()}#annotation-${focusId}`;
  const laterCount = Math.min(ANNOTATION_LIST_BATCH, window.total - window.end);
  return (
    <section className="annotations-panel" aria-label="Annotations">
      <h2 className="annotations-panel__title">
        Annotations <span className="annotations-panel__count">({formatCount(window.total)})</span>
      </h2>
      {isSignedIn && (
        <div className="annotations-panel__tools">
          <AnnotationFilterForm documentSlug={documentSlug} filter={filter} choices={choices} />
          {window.total > 0 && <OnScreenToggle />}
        </div>
      )}
      {!isSignedIn ? (
        <p className="annotations-panel__empty">Sign in to annotate this document and to see your team’s annotations.</p>
      ) : window.total === 0 && isFilterActive(filter) ? (
        <p className="annotations-panel__empty">No annotation matches this filter.</p>
      ) : window.total === 0 ? (
        <p className="annotations-panel__empty">
          No annotations yet. Select a passage and choose Annotate{canShare ? '' : ' to keep a private note'}, or press <kbd>?</kbd> for shortcuts.
        </p>
      ) : (
        <>
          {list.earlierFirstId && (
            <p className="annotations-panel__more">
              <Link href={hrefFor(Math.max(0, window.start - ANNOTATION_LIST_BATCH), window.end, list.earlierFirstId)} scroll={false} prefetch={false}>
                Show earlier threads
              </Link>
            </p>
          )}
          <AnnotationThreads threads={placed} documentSlug={documentSlug} />
          {placed.length < window.total && (
            <p className="annotations-panel__more">
              {`Showing threads ${formatCount(window.start + 1)}–${formatCount(window.end)} of ${formatCount(window.total)}. `}
              {list.laterFirstId && (
                <>
                  <Link href={hrefFor(window.start, window.end + laterCount, list.laterFirstId)} scroll={false} prefetch={false}>
                    {`Show ${laterCount} more`}
                  </Link>
                  {', '}
                </>
              )}
              <Link href={`/documents/${documentSlug}?${new URLSearchParams({ ...filterSearchParams(filter), list: 'all' }).toString()}`} prefetch={false}>
                {list.laterFirstId ? 'show all' : 'Show all'}
              </Link>
              {list.laterFirstId ? ', or narrow them with the filter.' : ' or narrow them with the filter.'}
            </p>
          )}
        </>
      )}
      {isSignedIn && (
        <details className="annotations-panel__orphans" open={pageNotes.length > 0}>
          <summary>About the whole document ({pageNotes.length})</summary>
          <p className="form-field__hint">Notes on the document as a whole rather than on a passage.</p>
          <AnnotationThreads threads={pageNotes} documentSlug={documentSlug} />
          <PageNoteForm documentSlug={documentSlug} canShare={canShare} />
        </details>
      )}
      {unplaced.length > 0 && (
        <details className="annotations-panel__orphans">
          <summary>Not found in the current text ({unplaced.length})</summary>
          <p className="form-field__hint">The passages these annotations quoted were changed or removed. They are kept here, never lost.</p>
          <AnnotationThreads threads={unplaced} documentSlug={documentSlug} />
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
        <Choice
          name="link"
          label="Links"
          value={filter.link === undefined || filter.link === 'any' ? filter.link : linkKindSlug(filter.link)}
          options={[['any', 'Has links'], ...LINK_KINDS.map((kind): [string, string] => [linkKindSlug(kind), linkPhrase(kind, 'from')])]}
        />
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
