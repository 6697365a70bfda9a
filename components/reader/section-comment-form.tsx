'use client';

import { MentionTextarea } from '@/components/notifications/mention-textarea';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { createSectionCommentAction } from '@/lib/actions/annotations';

/** The form under an open section discussion: a comment on the whole section, private or shared. */
export function SectionCommentForm({ documentSlug, sectionSlug, canShare }: { documentSlug: string; sectionSlug: string; canShare: boolean }) {
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
      const result = await createSectionCommentAction(documentSlug, sectionSlug, { id: commentId, body: data.get('body'), visibility: data.get('visibility') });
      if (result.ok) form.reset();
      else setError(result.error);
    });
  }

  return (
    <form className="form form--compact" onSubmit={post}>
      <FormAlert message={error} />
      <div className="form-field">
        <label htmlFor={`${id}-comment`} className="form-field__label">
          Comment on this section
        </label>
        <MentionTextarea documentSlug={documentSlug} id={`${id}-comment`} name="body" className="form-field__input" rows={3} required />
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
        Post
      </button>
    </form>
  );
}
