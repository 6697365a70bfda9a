'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import type { ActionResult } from '@/lib/errors';

/** A button that runs one server action, shows its error, and re-reads the page when it succeeds. */
export function ActionButton({ run, children, className = 'button', pressed }: { run: () => Promise<ActionResult<unknown>>; children: ReactNode; className?: string; pressed?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  return (
    <span className="action-button">
      <button
        type="button"
        className={className}
        disabled={isPending}
        aria-pressed={pressed}
        onClick={() =>
          startTransition(async () => {
            const result = await run();
            setError(result.ok ? null : result.error);
            if (result.ok) router.refresh();
          })
        }
      >
        {children}
      </button>
      {error && <FormAlert message={error} />}
    </span>
  );
}
