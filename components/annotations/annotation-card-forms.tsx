'use client';

import { MentionTextarea } from '@/components/notifications/mention-textarea';
import { useState, type FormEvent } from 'react';
import { TagCombobox } from '@/components/tags/tag-combobox';
import { FormAlert } from '@/components/ui/form-alert';
import type { AnnotationView } from '@/lib/dal/annotations';

type EditFormProps = {
  documentSlug: string;
  annotation: AnnotationView;
  fieldId: string;
  /** The newer text someone saved while this editor was open, shown above the editor. */
  conflict: { body: string; revision: number } | null;
  error: string | null;
  isPending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
};

/** An annotation's editor: its comment and, on a shared thread's first annotation, its tags. */
export function AnnotationEditForm({ documentSlug, annotation, fieldId, conflict, error, isPending, onSubmit, onCancel }: EditFormProps) {
  return (
    <form className="form form--compact" onSubmit={onSubmit}>
      {conflict && (
        <div className="annotation-card__conflict">
          <p className="form-field__label">The newer text, saved meanwhile:</p>
          <blockquote>{conflict.body || '(empty)'}</blockquote>
        </div>
      )}
      <div className="form-field">
        <label htmlFor={`${fieldId}-edit`} className="form-field__label">
          Comment
        </label>
        <MentionTextarea documentSlug={documentSlug} id={`${fieldId}-edit`} name="body" className="form-field__input" rows={4} defaultValue={annotation.body} />
      </div>
      {annotation.parentId === null && annotation.visibility === 'WORKSPACE' && <EditTags documentSlug={documentSlug} initial={annotation.tags.map((tag) => tag.label)} />}
      <FormAlert message={error} />
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={isPending}>
          {conflict ? 'Save over the newer text' : 'Save'}
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// The edit form's tags, posted with it as the `tags` field.
function EditTags({ documentSlug, initial }: { documentSlug: string; initial: string[] }) {
  const [tags, setTags] = useState(initial);
  return <TagCombobox documentSlug={documentSlug} tags={tags} onChange={setTags} name="tags" />;
}

type SmallFormProps = { fieldId: string; isPending: boolean; onSubmit: (event: FormEvent<HTMLFormElement>) => void; onCancel: () => void };

/** The reply form under an annotation. */
export function AnnotationReplyForm({ documentSlug, fieldId, isPending, onSubmit, onCancel }: SmallFormProps & { documentSlug: string }) {
  return (
    <form className="form form--compact" onSubmit={onSubmit}>
      <div className="form-field">
        <label htmlFor={`${fieldId}-reply`} className="form-field__label">
          Reply
        </label>
        <MentionTextarea documentSlug={documentSlug} id={`${fieldId}-reply`} name="body" className="form-field__input" rows={3} required autoFocus />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={isPending}>
          Post reply
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The form that resolves a thread, with an optional note. */
export function AnnotationResolveForm({ fieldId, isPending, onSubmit, onCancel }: SmallFormProps) {
  return (
    <form className="form form--compact" onSubmit={onSubmit}>
      <div className="form-field">
        <label htmlFor={`${fieldId}-resolve`} className="form-field__label">
          Resolution note (optional)
        </label>
        <input id={`${fieldId}-resolve`} name="note" className="form-field__input" maxLength={1000} autoFocus />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary button--small" disabled={isPending}>
          Resolve thread
        </button>
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Asks whether a doubtful placement after an edit is right: shown on few cards, so it loads when one needs it. */
export function AnchorConfirmation({ isPending, onSettle }: { isPending: boolean; onSettle: (decision: 'confirm' | 'detach') => void }) {
  return (
    <p className="button-row annotation-card__anchor">
      Is this the right place?
      <button type="button" className="button button--small" disabled={isPending} onClick={() => onSettle('confirm')}>
        Confirm
      </button>
      <button type="button" className="button button--small button--quiet" disabled={isPending} onClick={() => onSettle('detach')}>
        Detach
      </button>
    </p>
  );
}
