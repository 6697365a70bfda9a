'use client';

import { useEffect, useRef, useState } from 'react';
import { areSingleKeysOn, READER_SHORTCUTS } from './reader-shortcuts';

/** The list of the reader's keyboard shortcuts, in a modal dialog. */
export function KeyboardShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  // Read once when the dialog opens; the setting changes only in Settings, on another page.
  const [isSingleKeysOn] = useState(areSingleKeysOn);
  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={dialogRef} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl className="shortcuts-dialog__list">
        {READER_SHORTCUTS.map((shortcut) => (
          <div key={shortcut.key}>
            <dt>
              <kbd>{shortcut.key}</kbd>
            </dt>
            <dd>{shortcut.label}</dd>
          </div>
        ))}
      </dl>
      <p className="form-field__hint">
        {isSingleKeysOn ? 'Single-key shortcuts can be turned off in ' : 'Single-key shortcuts are off; turn them on in '}
        <a href="/settings#shortcuts-heading">Settings</a>.
      </p>
      <p className="form-field__hint">Select text with the mouse, by touch, or with Shift and the arrow keys (turn on caret browsing with F7).</p>
      <button type="button" className="button button--small" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
