import { annotationIdsOfMark, focusMark } from './highlight-lookup';

// Every keyboard shortcut of the reader lives here: the table the `?` dialog lists and the one handler that runs
// them. Escape is not among them: closing things belongs to whatever is open.

/** One shortcut as the `?` dialog lists it. `isSingleKey`: a printable key alone, which Settings can turn off. */
export type ReaderShortcut = { key: string; label: string; isSingleKey: boolean };

/** What the reader's page does for the shortcuts that need its state. */
export type ShortcutActions = {
  /** Annotate (`a`) or highlight (`h`) the selected passage; false when nothing usable is selected. */
  annotateSelection: (kind: 'annotate' | 'highlight') => boolean;
  showHelp: () => void;
};

type Command = ReaderShortcut & { run: (actions: ShortcutActions) => boolean };

const commands: Command[] = [
  { key: 'j', label: 'Go to the next annotation in the text', isSingleKey: true, run: () => moveThroughHighlights(1) },
  { key: 'k', label: 'Go to the previous annotation in the text', isSingleKey: true, run: () => moveThroughHighlights(-1) },
  { key: 'n', label: 'Go to the next note marker', isSingleKey: true, run: () => moveThroughMarkers(1) },
  { key: 'p', label: 'Go to the previous note marker', isSingleKey: true, run: () => moveThroughMarkers(-1) },
  { key: 'o', label: 'Open or close the focused marker’s note', isSingleKey: true, run: () => toggleFocusedNote() },
  { key: 'r', label: 'Reply to the focused annotation', isSingleKey: true, run: () => pressCardButton('Reply') },
  { key: 'x', label: 'Resolve the focused thread', isSingleKey: true, run: () => pressCardButton('Resolve') },
  { key: 'a', label: 'Annotate the selected passage', isSingleKey: true, run: (actions) => actions.annotateSelection('annotate') },
  { key: 'h', label: 'Highlight the selected passage', isSingleKey: true, run: (actions) => actions.annotateSelection('highlight') },
  { key: 'c', label: 'Turn the citation lens on or off', isSingleKey: true, run: () => click(document.querySelector('button.lens-toggle')) },
  { key: 'l', label: 'Go to the list of annotations', isSingleKey: true, run: () => openAnnotationList() },
  { key: '/', label: 'Search', isSingleKey: true, run: () => focusSearch() },
  { key: '?', label: 'Show these shortcuts', isSingleKey: true, run: (actions) => (actions.showHelp(), true) },
];

/** Every shortcut of the reader, in the order the `?` dialog lists them (Enter and Escape last). */
export const READER_SHORTCUTS: ReaderShortcut[] = [
  ...commands.map(({ key, label, isSingleKey }) => ({ key, label, isSingleKey })),
  { key: 'Enter', label: 'On a highlight: open its annotation', isSingleKey: false },
  { key: 'Esc', label: 'Close a footnote, the composer or this list', isSingleKey: false },
];

/** Whether the person has single-key shortcuts on: the page's root says so (set from their settings). */
export function areSingleKeysOn(): boolean {
  return document.documentElement.dataset.singleKeys !== 'off';
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Listens for the reader's shortcuts on the whole page until the returned function is called. None fires while
 * typing in a field, with Ctrl, Alt or Meta held, or while a modal dialog is open; single keys only when on.
 */
export function listenForReaderShortcuts(actions: ShortcutActions): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (document.querySelector('dialog[open]')) return;
    if (event.key === 'Enter') {
      // A highlight reached with j or k acts as if clicked: its annotation opens, wherever the page shows it.
      const mark = event.target instanceof HTMLElement && event.target.matches('mark.highlight') ? event.target : null;
      if (mark) {
        event.preventDefault();
        mark.click();
      }
      return;
    }
    if (!areSingleKeysOn()) return;
    const command = commands.find((candidate) => candidate.key === event.key);
    if (command?.run(actions)) event.preventDefault();
  };
  document.addEventListener('keydown', onKeyDown);
  return () => document.removeEventListener('keydown', onKeyDown);
}

function click(element: Element | null | undefined): boolean {
  if (!(element instanceof HTMLElement)) return false;
  element.click();
  return true;
}

const isShown = (element: HTMLElement) => element.getClientRects().length > 0;

// From the focused item, or, when focus is elsewhere, from the reading position: the first item below the top of
// the screen going forward, the last one above its bottom going back.
function nextOf(items: HTMLElement[], direction: 1 | -1): HTMLElement | undefined {
  if (items.length === 0) return undefined;
  const current = items.indexOf(document.activeElement as HTMLElement);
  if (current !== -1) return items[(current + direction + items.length) % items.length];
  if (direction === 1) return items.find((item) => item.getBoundingClientRect().top >= 0) ?? items[0];
  return [...items].reverse().find((item) => item.getBoundingClientRect().bottom <= window.innerHeight) ?? items[items.length - 1];
}

function bringIntoView(element: HTMLElement): void {
  const rect = element.getBoundingClientRect();
  if (rect.top < 0 || rect.bottom > window.innerHeight) element.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function moveThroughHighlights(direction: 1 | -1): boolean {
  const marks = [...document.querySelectorAll<HTMLElement>('.annotation-layer mark.highlight')];
  const next = nextOf(marks, direction);
  if (!next) return false;
  focusMark(next, { preventScroll: true });
  bringIntoView(next);
  return true;
}

function moveThroughMarkers(direction: 1 | -1): boolean {
  const markers = [...document.querySelectorAll<HTMLElement>('button.footnote-marker__button')].filter(isShown);
  const next = nextOf(markers, direction);
  if (!next) return false;
  next.focus({ preventScroll: true });
  bringIntoView(next);
  return true;
}

function toggleFocusedNote(): boolean {
  const active = document.activeElement;
  return active instanceof HTMLElement && active.matches('button.footnote-marker__button') ? click(active) : false;
}

// The card of the focused annotation: the card focus is in, or the first annotation of a focused highlight.
function focusedCard(): HTMLElement | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return null;
  const card = active.closest<HTMLElement>('article.annotation-card');
  if (card) return card;
  if (!active.matches('mark.highlight')) return null;
  const [id] = annotationIdsOfMark(active);
  return id ? document.getElementById(`annotation-${id}`) : null;
}

function pressCardButton(name: 'Reply' | 'Resolve'): boolean {
  const card = focusedCard();
  const button = card && [...card.querySelectorAll<HTMLButtonElement>('.annotation-card__actions > button')].find((candidate) => candidate.textContent?.trim() === name);
  if (!button || button.disabled) return false;
  card.scrollIntoView({ block: 'nearest' });
  button.click();
  return true;
}

function openAnnotationList(): boolean {
  // On a phone the list sits behind its `Annotations` button; beside the text it is there to move into.
  const opener = [...document.querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent?.trim() === 'Annotations' && isShown(button));
  if (opener) return click(opener);
  const firstCard = document.querySelector<HTMLElement>('.annotations-panel article.annotation-card');
  if (!firstCard) return false;
  firstCard.focus({ preventScroll: true });
  bringIntoView(firstCard);
  return true;
}

function focusSearch(): boolean {
  const field = document.getElementById('site-search');
  if (!(field instanceof HTMLInputElement)) return false;
  field.focus();
  return true;
}
