'use client';

import { useEffect, useRef } from 'react';

const SHORTCUTS = [
  ['a', 'Annotate the selected passage'],
  ['h', 'Highlight the selected passage'],
  ['j', 'Go to the next highlight'],
  ['k', 'Go to the previous highlight'],
  ['Esc', 'Close a footnote, the composer or this list'],
  ['?', 'Show these shortcuts'],
] as const;

/** The list of the reader's keyboard shortcuts, in a modal dialog. */
export function KeyboardShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={dialogRef} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl className="shortcuts-dialog__list">
        {SHORTCUTS.map(([key, action]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
      <p className="form-field__hint">Select text with the mouse, by touch, or with Shift and the arrow keys (turn on caret browsing with F7).</p>
      <button type="button" className="button button--small" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
