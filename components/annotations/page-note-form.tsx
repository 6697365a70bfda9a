'use client';

import { useId, useState, useTransition, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { createPageNoteAction } from '@/lib/actions/annotations';

/** The form under "About the whole document": a note on the document as a whole, with no passage, private or shared. */
export function PageNoteForm({ documentSlug, canShare }: { documentSlug: string; canShare: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const id = useId();

  function post(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const commentId = crypto.randomUUID();
    setError(null);
    startTransition(async () => {
      const result = await createPageNoteAction(documentSlug, { id: commentId, body: data.get('body'), visibility: data.get('visibility') });
      if (result.ok) form.reset();
      else setError(result.error);
    });
  }

  return (
    <form className="form form--compact" onSubmit={post}>
      <FormAlert message={error} />
      <div className="form-field">
        <label htmlFor={`${id}-comment`} className="form-field__label">
          Note on the whole document
        </label>
        <textarea id={`${id}-comment`} name="body" className="form-field__input" rows={3} required />
      </div>
      <div className="form-field">
        <label htmlFor={`${id}-visibility`} className="form-field__label">
          Visibility
        </label>
        <select id={`${id}-visibility`} name="visibility" className="select" defaultValue={canShare ? 'WORKSPACE' : 'PRIVATE'}>
          <option value="PRIVATE">Only me</option>
          {canShare && <option value="WORKSPACE">The workspace</option>}
        </select>
      </div>
      <button type="submit" className="button button--primary button--small" disabled={isPending}>
        Add note
      </button>
    </form>
  );
}
