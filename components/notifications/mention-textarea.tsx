'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref, type TextareaHTMLAttributes } from 'react';
import { mentionQueryAt, mentionToken } from '@/lib/domain/mentions';

type Person = { id: string; name: string };

type MentionTextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  /** The document whose readers may be mentioned. */
  documentSlug: string;
  id: string;
  ref?: Ref<HTMLTextAreaElement>;
};

const SUGGESTION_DELAY_MS = 120;

// Sets a field's text the way typing does, so a controlled field's onChange hears it and an uncontrolled one keeps it.
function replaceText(field: HTMLTextAreaElement, start: number, end: number, text: string): void {
  const value = `${field.value.slice(0, start)}${text}${field.value.slice(end)}`;
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.setSelectionRange(start + text.length, start + text.length);
}

/**
 * A comment field that offers, after an `@`, the workspace's members who can read the document in a listbox. The
 * field stays a textbox (its name and role unchanged) with list autocomplete: ArrowDown and ArrowUp move through the
 * people, Enter or Tab writes the chosen one as a mention (`@[Name](user:<id>)`, kept by id), Escape closes the list.
 */
export function MentionTextarea({ documentSlug, id, ref, onKeyDown, ...textarea }: MentionTextareaProps) {
  const listId = `${useId()}-mentions`;
  const fieldRef = useRef<HTMLTextAreaElement | null>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [active, setActive] = useState(0);
  const isOpen = query !== null && people.length > 0;
  useEffect(() => {
    if (!query) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/documents/${encodeURIComponent(documentSlug)}/mention-suggestions?${new URLSearchParams({ q: query.query }).toString()}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ people: Person[] }>) : { people: [] }))
        .then((answer) => {
          setPeople(answer.people);
          setActive(0);
        })
        .catch(() => undefined);
    }, SUGGESTION_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [documentSlug, query]);

  const choose = (person: Person) => {
    const field = fieldRef.current;
    if (!field || !query) return;
    replaceText(field, query.start, field.selectionStart, `${mentionToken(person.id, person.name)} `);
    setQuery(null);
    setPeople([]);
    field.focus();
  };

  // React hears keys before the reader's page-wide Escape handler, which leaves a key whose default was prevented alone.
  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isOpen && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      setActive((active + (event.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
      return;
    }
    const person = people[active];
    if (isOpen && person && (event.key === 'Enter' || event.key === 'Tab')) {
      event.preventDefault();
      choose(person);
      return;
    }
    if (isOpen && event.key === 'Escape') {
      event.preventDefault();
      setQuery(null);
      return;
    }
    onKeyDown?.(event);
  };

  const look = (field: HTMLTextAreaElement) => {
    const found = field.selectionStart === field.selectionEnd ? mentionQueryAt(field.value, field.selectionStart) : null;
    setQuery((previous) => (previous?.start === found?.start && previous?.query === found?.query ? previous : found));
    if (!found) setPeople([]);
  };

  return (
    <div className="mention-field">
      <textarea
        {...textarea}
        id={id}
        ref={(element) => {
          fieldRef.current = element;
          if (typeof ref === 'function') ref(element);
          else if (ref) ref.current = element;
        }}
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={isOpen ? `${listId}-${active}` : undefined}
        onInput={(event) => look(event.currentTarget)}
        onKeyDown={onKey}
        onClick={(event) => look(event.currentTarget)}
        onBlur={() => setQuery(null)}
      />
      <ul id={listId} role="listbox" aria-label="People to mention" className="tag-combobox__list mention-field__list" hidden={!isOpen}>
        {people.map((person, index) => (
          <li
            key={person.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className="tag-combobox__option"
            // Pressing on a person must not blur the field first, which closes the list.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(person)}
          >
            @{person.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
