'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { endSessionAction } from '@/lib/actions/accounts';
import type { SessionEntry } from '@/lib/dal/sessions';
import { formatInstant } from '@/lib/format/dates';

/** Lists the account's signed-in browsers and devices, each with a button that signs it out. */
export function SessionsPanel({ sessions }: { sessions: SessionEntry[] }) {
  const router = useRouter();
  const [isEnding, startEnding] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <FormAlert message={error} />
      <ul className="plain-list" aria-label="Active sessions">
        {sessions.map((session) => (
          <li key={session.id} className="plain-list__item invite-panel__entry">
            <span>
              <strong>{session.browser}</strong>
              {session.isCurrent ? ' (this browser)' : ''} · {session.address} · last seen {formatInstant(session.lastSeenAt)}
            </span>
            <button
              type="button"
              className="button button--small button--quiet"
              aria-label={session.isCurrent ? 'Sign out this browser' : `Sign out ${session.browser}, last seen ${formatInstant(session.lastSeenAt)}`}
              disabled={isEnding}
              onClick={() =>
                startEnding(async () => {
                  const outcome = await endSessionAction(session.id);
                  setError(outcome.ok ? null : outcome.error);
                  if (outcome.ok && session.isCurrent) router.push('/signin');
                })
              }
            >
              Sign out
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
