'use client';

import { MentionTextarea } from '@/components/notifications/mention-textarea';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { TagCombobox } from '@/components/tags/tag-combobox';
import { useEscapeLayer } from '@/components/reader/escape-layers';
import { FormAlert } from '@/components/ui/form-alert';
import { createAnnotationAction } from '@/lib/actions/annotations';
import { clearDraft, writeDraft, type AnnotationDraft } from './annotation-drafts';

type ComposerProps = {
  documentSlug: string;
  draft: AnnotationDraft;
  canShare: boolean;
  onClose: () => void;
  onSaved: (id: string) => void;
};

/** The form for a new annotation on the selected passage: Comment, Tags, Visibility, Save. Typing is kept as a draft. */
export function AnnotationComposer({ documentSlug, draft: initialDraft, canShare, onClose, onSaved }: ComposerProps) {
  const [draft, setDraft] = useState(initialDraft);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [isSaving, setIsSaving] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    commentRef.current?.focus({ preventScroll: true });
  }, []);

  // Escape closes the composer; a draft with words in it is only dropped once the writer says so.
  useEscapeLayer(true, 'panel', () => {
    const hasWords = draft.body.trim() !== '' || draft.tags.trim() !== '';
    if (hasWords && !window.confirm('Discard this unsaved annotation?')) return;
    clearDraft(documentSlug);
    onClose();
  });

  function update(change: Partial<AnnotationDraft>) {
    const next = { ...draft, ...change };
    setDraft(next);
    writeDraft(documentSlug, next);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      const result = await createAnnotationAction(documentSlug, {
        id: draft.id,
        versionNumber: draft.versionNumber,
        start: draft.start,
        end: draft.end,
        body: draft.body,
        tags: splitTags(draft.tags),
        visibility: draft.visibility,
      });
      if (result.ok) {
        clearDraft(documentSlug);
        onSaved(result.value.id);
        return;
      }
      setFieldErrors(result.fieldErrors ?? {});
      setError(result.error);
    } catch {
      // The draft is still stored; saving again reuses its id, so nothing is doubled.
      setError('The annotation could not be sent. Your text is kept; try Save again.');
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <section className="composer" role="dialog" aria-label="New annotation">
      <form onSubmit={save} className="form form--compact composer__form" noValidate>
        <blockquote className="composer__quote">{draft.quote.length > 280 ? `${draft.quote.slice(0, 280)}…` : draft.quote}</blockquote>
        <FormAlert message={error} />
        <div className="form-field">
          <label htmlFor={`${id}-comment`} className="form-field__label">
            Comment
          </label>
          <MentionTextarea
            documentSlug={documentSlug}
            ref={commentRef}
            id={`${id}-comment`}
            name="body"
            className="form-field__input"
            rows={4}
            value={draft.body}
            aria-describedby={`${id}-comment-hint`}
            onChange={(event) => update({ body: event.target.value })}
          />
          <p id={`${id}-comment-hint`} className="form-field__hint">
            Markdown: **bold**, *italic*, [link](https://…), &gt; quote; @ mentions a member. Leave empty for a plain highlight.
          </p>
        </div>
        {canShare && (
          <TagCombobox
            documentSlug={documentSlug}
            tags={splitTags(draft.tags)}
            onChange={(tags) => update({ tags: tags.join(', ') })}
            hint="Enter or a comma adds a tag; new ones join the workspace’s vocabulary."
            error={fieldErrors.tags?.[0]}
          />
        )}
        <div className="form-field">
          <label htmlFor={`${id}-visibility`} className="form-field__label">
            Visibility
          </label>
          <select
            id={`${id}-visibility`}
            name="visibility"
            className="select"
            value={draft.visibility}
            onChange={(event) => update({ visibility: event.target.value === 'WORKSPACE' ? 'WORKSPACE' : 'PRIVATE' })}
          >
            <option value="PRIVATE">Only me</option>
            {canShare && <option value="WORKSPACE">The workspace</option>}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary button--small" disabled={isSaving}>
            {isSaving ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => {
              clearDraft(documentSlug);
              onClose();
            }}
          >
            Discard
          </button>
        </div>
      </form>
    </section>
  );
}

// The draft keeps its tags as the comma-separated text it was stored with before the tags became chips.
function splitTags(tags: string): string[] {
  return tags.split(',').map((tag) => tag.trim()).filter(Boolean);
}
