'use client';

import { startTransition, type FormEvent } from 'react';

/**
 * Returns an onSubmit handler that runs `formAction` without React's automatic form reset, so what
 * a person typed stays in the fields when the server answers with an error.
 */
export function submitWithoutReset(formAction: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(() => formAction(form));
  };
}
