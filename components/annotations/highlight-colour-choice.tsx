'use client';

import { useActionState, useId } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { updateHighlightColouringAction } from '@/lib/actions/preferences';
import { HIGHLIGHT_COLOURINGS, type HighlightColouring } from '@/lib/domain/highlight-colours';

/** The `Colour highlights by` choice (tag, author, none), remembered for the person; changing it redraws the highlights. */
export function HighlightColourChoice({ colouring }: { colouring: HighlightColouring }) {
  const [result, submit, isPending] = useActionState(updateHighlightColouringAction, null);
  const id = useId();
  return (
    <form action={submit} className="highlight-legend__choice">
      <label htmlFor={`${id}-colouring`}>Colour highlights by</label>{' '}
      <select id={`${id}-colouring`} name="colouring" className="select" defaultValue={colouring} key={colouring} onChange={(event) => event.currentTarget.form?.requestSubmit()}>
        {HIGHLIGHT_COLOURINGS.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>{' '}
      <button type="submit" className="button button--small button--quiet" disabled={isPending}>
        Apply
      </button>
      <FormAlert message={result && !result.ok ? result.error : null} />
    </form>
  );
}
