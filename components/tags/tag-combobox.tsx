'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

type Suggestion = { label: string; colour: string };

type TagComboboxProps = {
  /** The document whose workspace vocabulary suggests tags. */
  documentSlug: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  /** When set, the chosen tags are also posted with the form under this name, comma-separated. */
  name?: string;
  hint?: string;
  error?: string;
};

// Long enough that typing a word asks once, short enough that the list follows the typing.
const SUGGESTION_DELAY_MS = 120;

/**
 * The Tags field: a combobox (WAI-ARIA 1.2, list autocomplete) whose suggestions come from the workspace vocabulary
 * as the person types, and the chosen tags as chips, each with its own Remove button. Enter or a comma adds the
 * highlighted suggestion or the typed word; Enter never submits the form; Backspace in the empty field removes the
 * last chip; leaving the field keeps a word typed but not yet added. The list opens as the person types, or on
 * ArrowDown (then with the workspace's first tags).
 */
export function TagCombobox({ documentSlug, tags, onChange, name, hint, error }: TagComboboxProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `${id}-suggestions`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const chosen = new Set(tags.map((tag) => tag.toLowerCase()));
  const shown = suggestions.filter((suggestion) => !chosen.has(suggestion.label.toLowerCase()));

  useEffect(() => {
    if (!isOpen) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/documents/${encodeURIComponent(documentSlug)}/tag-suggestions?${new URLSearchParams({ q: text.trim() }).toString()}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ tags: Suggestion[] }>) : { tags: [] }))
        .then((answer) => {
          setSuggestions(answer.tags);
          setActive(-1);
        })
        .catch(() => {
          // An aborted or failed look-up leaves the typed word, which Enter still adds.
        });
    }, SUGGESTION_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [documentSlug, text, isOpen]);

  function add(words: string[]) {
    const next = [...tags];
    for (const word of words.map((candidate) => candidate.trim()).filter(Boolean)) {
      if (!next.some((tag) => tag.toLowerCase() === word.toLowerCase())) next.push(word);
    }
    if (next.length !== tags.length) onChange(next);
    setText('');
    setActive(-1);
    // The list closes with each chip, so it covers nothing (Save among them) until the person types or asks again.
    setIsOpen(false);
  }

  function addCurrent() {
    const picked = active >= 0 ? shown[active] : undefined;
    add([picked ? picked.label : text]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!isOpen) setIsOpen(true);
        if (shown.length === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current) => (current < 0 && step < 0 ? shown.length - 1 : (current + step + shown.length) % shown.length));
        return;
      }
      case 'Enter':
      case ',':
        // A tag field never submits its form: Enter finishes the tag, as in every tag input.
        event.preventDefault();
        addCurrent();
        return;
      case 'Backspace':
        if (text === '' && tags.length > 0) {
          event.preventDefault();
          onChange(tags.slice(0, -1));
        }
        return;
      case 'Escape':
        if (isOpen && shown.length > 0) {
          // Closes the list only; a second Escape reaches the form around it.
          event.stopPropagation();
          setIsOpen(false);
          setActive(-1);
        }
        return;
      default:
    }
  }

  function onInput(value: string) {
    // A pasted list ("claim, statistic") becomes chips at once, keeping the unfinished last word in the field.
    const parts = value.split(',');
    const rest = parts[parts.length - 1] ?? '';
    if (parts.length > 1) add(parts.slice(0, -1));
    setText(rest);
    setIsOpen(rest.trim() !== '');
  }

  const isExpanded = isOpen && shown.length > 0;
  const activeId = isExpanded && active >= 0 ? `${id}-option-${active}` : undefined;
  return (
    <div className="form-field tag-combobox">
      <label htmlFor={`${id}-input`} className="form-field__label">
        Tags
      </label>
      {tags.length > 0 && (
        <ul className="tag-combobox__chips">
          {tags.map((tag) => (
            <li key={tag} className="tag-combobox__chip">
              <span>{tag}</span>
              <button
                type="button"
                className="tag-combobox__remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => {
                  onChange(tags.filter((candidate) => candidate !== tag));
                  inputRef.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="tag-combobox__field">
        <input
          ref={inputRef}
          id={`${id}-input`}
          className="form-field__input"
          type="text"
          role="combobox"
          aria-expanded={isExpanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-describedby={[hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={tags.length === 0 ? 'claim, statistic, actor:IMU' : undefined}
          value={text}
          onChange={(event) => onInput(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setIsOpen(false);
            if (text.trim()) add([text]);
          }}
        />
        <ul id={listId} role="listbox" aria-label="Suggestions" className="tag-combobox__list" hidden={!isExpanded}>
          {shown.map((suggestion, index) => (
            <li
              key={suggestion.label}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className="tag-combobox__option"
              // Pressing on an option must not blur the field first, or the typed word would be added instead.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add([suggestion.label])}
            >
              <span className="tag-combobox__swatch" style={{ background: suggestion.colour }} aria-hidden="true" />
              {suggestion.label}
            </li>
          ))}
        </ul>
      </div>
      {name && <input type="hidden" name={name} value={tags.join(', ')} />}
      {hint && (
        <p id={hintId} className="form-field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="form-field__error">
          {error}
        </p>
      )}
    </div>
  );
}
