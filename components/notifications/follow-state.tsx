'use client';

import { createContext, useContext, type ReactNode } from 'react';

const FollowContext = createContext<ReadonlySet<string> | null>(null);

/** Tells the reader's thread cards which of the listed threads the person follows (by first annotation id). */
export function FollowStateProvider({ followedThreadIds, children }: { followedThreadIds: string[] | null; children: ReactNode }) {
  return <FollowContext value={followedThreadIds && new Set(followedThreadIds)}>{children}</FollowContext>;
}

/** The ids of the threads the person follows; null outside a provider (a visitor follows nothing). */
export function useFollowedThreads(): ReadonlySet<string> | null {
  return useContext(FollowContext);
}
