'use client';

import { useActionState, useState, useTransition } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { FormField } from '@/components/ui/form-field';
import { submitWithoutReset } from '@/components/ui/submit-without-reset';
import { createApiTokenAction, revokeApiTokenAction } from '@/lib/actions/api-tokens';
import type { ApiTokenEntry } from '@/lib/dal/api-tokens';
import { formatInstant } from '@/lib/format/dates';

type WorkspaceChoice = { slug: string; name: string };

/** Creates personal API tokens (the secret shown once, to copy) and lists the ones that still work, to revoke. */
export function ApiTokensPanel({ workspaces, tokens }: { workspaces: WorkspaceChoice[]; tokens: ApiTokenEntry[] }) {
  const [result, createToken, isPending] = useActionState(createApiTokenAction, null);
  const submit = submitWithoutReset(createToken);
  const [isRevoking, startRevoking] = useTransition();
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const token = result?.ok ? result.value.token : null;
  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;

  if (workspaces.length === 0) return <p>Join or create a workspace first: every token works within one workspace.</p>;

  return (
    <div className="invite-panel">
      <form onSubmit={submit} className="form">
        <FormField label="Token name" name="name" id="token-name" required maxLength={80} hint="What will use it, such as “Zotero sync”." errors={fieldErrors?.name} />
        <div className="form-field">
          <label htmlFor="token-workspace" className="form-field__label">
            Workspace
          </label>
          <select id="token-workspace" name="workspaceSlug" className="select" defaultValue={workspaces[0]?.slug}>
            {workspaces.map((workspace) => (
              <option key={workspace.slug} value={workspace.slug}>
                {workspace.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="form-field form-field--choices">
          <legend className="form-field__label">Access</legend>
          <div className="form-field form-field--checkbox">
            <input id="token-access-read" type="radio" name="access" value="read" defaultChecked />
            <label htmlFor="token-access-read">Read only</label>
          </div>
          <div className="form-field form-field--checkbox">
            <input id="token-access-write" type="radio" name="access" value="write" />
            <label htmlFor="token-access-write">Read and write (annotate, import, and edit or delete your annotations)</label>
          </div>
        </fieldset>
        <button type="submit" className="button button--primary" disabled={isPending}>
          Create token
        </button>
      </form>
      <FormAlert message={result && !result.ok && !fieldErrors ? result.error : null} />
      {token && (
        <div className="invite-panel__link" role="status">
          <label htmlFor="new-api-token" className="form-field__label">
            New API token
          </label>
          <p className="form-field__hint">Copy it now: it is not shown again. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
          <div className="invite-panel__copy">
            <input id="new-api-token" className="form-field__input" readOnly value={token} onFocus={(event) => event.currentTarget.select()} />
            <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true), () => setCopied(false))}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </div>
      )}
      <FormAlert message={revokeError} />
      {tokens.length > 0 && (
        <>
          <h3 className="invite-panel__subheading">Your tokens</h3>
          <ul className="plain-list" aria-label="Your API tokens">
            {tokens.map((entry) => (
              <li key={entry.id} className="plain-list__item invite-panel__entry">
                <span>
                  <strong>{entry.name}</strong> · <code>{entry.prefix}…</code> · {entry.workspaceName} · {entry.canWrite ? 'read and write' : 'read only'} ·{' '}
                  {entry.lastUsedAt ? `last used ${formatInstant(entry.lastUsedAt)}` : 'never used'}
                </span>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Revoke ${entry.name}`}
                  disabled={isRevoking}
                  onClick={() =>
                    startRevoking(async () => {
                      const outcome = await revokeApiTokenAction(entry.id);
                      setRevokeError(outcome.ok ? null : outcome.error);
                    })
                  }
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
