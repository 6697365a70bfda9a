import 'server-only';
import { getDb } from '@/lib/db';

/** Whether the database answers, and how long it took; never throws. */
export type DatabaseHealth = { isReachable: boolean; latencyMs: number };

/** Pings the database with a trivial query; used by the health endpoint. */
export async function checkDatabase(): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await getDb().$queryRaw`SELECT 1`;
    return { isReachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { isReachable: false, latencyMs: Math.round(performance.now() - started) };
  }
}
