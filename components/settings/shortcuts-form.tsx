'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { setSingleKeyShortcutsAction } from '@/lib/actions/preferences';

/** Turns the reader's single-key shortcuts on or off for this person, on every device. */
export function ShortcutsForm({ isOn }: { isOn: boolean }) {
  const [result, formAction, isPending] = useActionState(setSingleKeyShortcutsAction, null);
  const submit = submitWithoutReset(formAction);
  return (
    <form onSubmit={submit} className="form">
      <FormAlert message={result && !result.ok ? result.error : null} />
      <div className="form-field form-field--checkbox">
        <input id="single-key-shortcuts" name="singleKeyShortcuts" type="checkbox" defaultChecked={isOn} aria-describedby="single-key-shortcuts-hint" />
        <label htmlFor="single-key-shortcuts">Single-key shortcuts</label>
      </div>
      <p className="form-field__hint" id="single-key-shortcuts-hint">
        Keys such as j, k, r and / act on their own in the reader. Turn them off if you use speech input or press keys by accident; Enter on a highlight
        and Escape keep working.
      </p>
      <button type="submit" className="button" disabled={isPending}>
        Save shortcuts
      </button>
      <p role="status" className="form-field__hint">
        {result?.ok ? (result.value.isOn ? 'Single-key shortcuts are on.' : 'Single-key shortcuts are off.') : ''}
      </p>
    </form>
  );
}
