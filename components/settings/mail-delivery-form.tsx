'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { setMailDeliveryAction } from '@/lib/actions/preferences';

const CHOICES = [
  { value: 'IMMEDIATE', label: 'Each one as it happens' },
  { value: 'DIGEST', label: 'A daily digest' },
  { value: 'OFF', label: 'None' },
] as const;

const SAVED: Record<string, string> = { IMMEDIATE: 'You get each notification by e-mail.', DIGEST: 'You get one e-mail a day with the day’s notifications.', OFF: 'You get no notification e-mail.' };

/** The `Email notifications` choice: each one, a daily digest, or none; says so when this server sends no mail. */
export function MailDeliveryForm({ delivery, isMailOn }: { delivery: string; isMailOn: boolean }) {
  const [result, formAction, isPending] = useActionState(setMailDeliveryAction, null);
  const submit = submitWithoutReset(formAction);
  return (
    <form onSubmit={submit} className="form">
      {isMailOn ? null : <p className="form-field__hint">E-mail is off on this server, so nothing is sent for now. Your choice applies once it is turned on.</p>}
      <FormAlert message={result && !result.ok ? result.error : null} />
      <fieldset className="form-field">
        <legend>Email notifications</legend>
        {CHOICES.map((choice) => (
          <div className="form-field--checkbox" key={choice.value}>
            <input id={`mail-delivery-${choice.value}`} type="radio" name="delivery" value={choice.value} defaultChecked={delivery === choice.value} />
            <label htmlFor={`mail-delivery-${choice.value}`}>{choice.label}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={isPending}>
        Save e-mail setting
      </button>
      <p role="status" className="form-field__hint">
        {result?.ok ? SAVED[result.value.delivery] : ''}
      </p>
    </form>
  );
}
