'use client';

import { useActionState, useState, useTransition } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { createInviteAction, revokeInviteAction } from '@/lib/actions/workspaces';
import type { InviteEntry } from '@/lib/dal/invites';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/format/roles';
import { INVITE_LIFETIMES_DAYS, ROLES } from '@/lib/validation/workspaces';

// Fixed to UTC so the server's render and the browser's agree.
const expiryFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** Creates invite links (shown once, to copy) and lists the ones still open. */
export function InvitePanel({ workspaceSlug, invites }: { workspaceSlug: string; invites: InviteEntry[] }) {
  const [result, createInvite, isPending] = useActionState(createInviteAction.bind(null, workspaceSlug), null);
  const submit = submitWithoutReset(createInvite);
  const [isRevoking, startRevoking] = useTransition();
  const [copied, setCopied] = useState(false);
  const link = result?.ok ? new URL(result.value.path, window.location.origin).toString() : null;

  return (
    <div className="invite-panel">
      <form onSubmit={submit} className="form form--inline">
        <div className="form-field">
          <label htmlFor="invite-role" className="form-field__label">
            Role
          </label>
          <select id="invite-role" name="role" defaultValue="COMMENTER" className="select">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="invite-expiry" className="form-field__label">
            Link works for
          </label>
          <select id="invite-expiry" name="expiresInDays" defaultValue="7" className="select">
            {INVITE_LIFETIMES_DAYS.map((days) => (
              <option key={days} value={days}>
                {days === 1 ? '1 day' : `${days} days`}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field form-field--checkbox">
          <input id="invite-single-use" type="checkbox" name="isSingleUse" />
          <label htmlFor="invite-single-use">Single use (one person)</label>
        </div>
        <button type="submit" className="button button--primary" disabled={isPending}>
          Create invite link
        </button>
      </form>
      <FormAlert message={result && !result.ok ? result.error : null} />
      {link && (
        <div className="invite-panel__link" role="status">
          <label htmlFor="invite-link" className="form-field__label">
            Invite link
          </label>
          <p className="form-field__hint">Copy it now: for your team’s safety it is not shown again.</p>
          <div className="invite-panel__copy">
            <input id="invite-link" className="form-field__input" readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
            <button
              type="button"
              className="button"
              onClick={() => void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      )}
      {invites.length > 0 && (
        <>
          <h3 className="invite-panel__subheading">Open invite links</h3>
          <ul className="plain-list">
            {invites.map((invite) => (
              <li key={invite.id} className="plain-list__item invite-panel__entry">
                <span>
                  {ROLE_LABELS[invite.role]} · {invite.maxUses === 1 ? 'single use' : `used ${invite.useCount} ${invite.useCount === 1 ? 'time' : 'times'}`} · until{' '}
                  {expiryFormat.format(new Date(invite.expiresAt))}
                </span>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  disabled={isRevoking}
                  onClick={() => startRevoking(async () => void (await revokeInviteAction(workspaceSlug, invite.id)))}
                >
                  Withdraw
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
