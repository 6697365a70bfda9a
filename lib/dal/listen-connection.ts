import 'server-only';
import pg from 'pg';
import { getDatabaseUrl } from '@/lib/env';

/** A database session of its own, for LISTEN (lib/realtime): notifications arrive on the session that asked for them. */
export type ListenConnection = pg.Client;

/** One NOTIFY as a ListenConnection hears it. */
export type ListenNotification = pg.Notification;

/**
 * Returns a new, unconnected session for LISTEN on the database; the caller connects, listens and ends it. LISTEN needs
 * a session of its own, outside the shared pool: DATABASE_URL must reach PostgreSQL (or a session-mode pooler) directly.
 */
export function createListenConnection(): ListenConnection {
  return new pg.Client({ connectionString: getDatabaseUrl(), keepAlive: true, application_name: 'marginalia-live' });
}
