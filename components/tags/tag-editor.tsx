'use client';

import { useId, useState, useTransition, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { mergeTagsAction, updateTagAction } from '@/lib/actions/tags';
import type { TagEntry } from '@/lib/dal/tags';

/** Edits one tag of the vocabulary; renaming onto an existing tag offers to merge the two. */
export function TagEditor({ workspaceSlug, tag }: { workspaceSlug: string; tag: TagEntry }) {
  const [error, setError] = useState<string | null>(null);
  const [mergeTarget, setMergeTarget] = useState<{ id: string; label: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const id = useId();

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setMergeTarget(null);
    startTransition(async () => {
      const result = await updateTagAction(workspaceSlug, tag.id, { label: form.get('label'), colour: form.get('colour'), description: form.get('description') });
      if (result.ok) return;
      setError(result.error);
      const merge = result.fieldErrors?.label?.[0];
      // The other tag may be on another page of the vocabulary, so its name comes with the offer.
      if (merge?.startsWith('merge:')) setMergeTarget({ id: merge.slice('merge:'.length), label: result.fieldErrors?.mergeLabel?.[0] ?? 'the other tag' });
    });
  }

  return (
    <form className="tag-editor" onSubmit={save} aria-label={`Edit tag ${tag.label}`}>
      <div className="form-field">
        <label htmlFor={`${id}-label`} className="form-field__label">
          Name
        </label>
        <input id={`${id}-label`} name="label" className="form-field__input" defaultValue={tag.label} maxLength={40} required />
      </div>
      <div className="form-field tag-editor__colour">
        <label htmlFor={`${id}-colour`} className="form-field__label">
          Colour
        </label>
        <input id={`${id}-colour`} name="colour" type="color" defaultValue={tag.colour} />
      </div>
      <div className="form-field tag-editor__description">
        <label htmlFor={`${id}-description`} className="form-field__label">
          Description
        </label>
        <input id={`${id}-description`} name="description" className="form-field__input" defaultValue={tag.description} maxLength={300} />
      </div>
      <button type="submit" className="button button--small" disabled={isPending}>
        Save
      </button>
      <FormAlert message={error} />
      {mergeTarget && (
        <button type="button" className="button button--primary button--small" disabled={isPending} onClick={() => startTransition(async () => {
          const result = await mergeTagsAction(workspaceSlug, tag.id, mergeTarget.id);
          if (!result.ok) setError(result.error);
        })}>
          Merge “{tag.label}” into “{mergeTarget.label}”
        </button>
      )}
    </form>
  );
}
