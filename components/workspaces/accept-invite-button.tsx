'use client';

import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { acceptInviteAction } from '@/lib/actions/workspaces';

/** Joins the workspace of an invite link. */
export function AcceptInviteButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <div>
      <FormAlert message={error} />
      <button
        type="button"
        className="button button--primary"
        disabled={isPending}
        onClick={() =>
          startTransition(async () => {
            const result = await acceptInviteAction(token);
            if (!result.ok) setError(result.error);
          })
        }
      >
        Join {workspaceName}
      </button>
    </div>
  );
}
