import { DATABASE_RETRY_AFTER_SECONDS } from '@/lib/errors';
import { checkDatabase } from '@/lib/dal/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await checkDatabase();
  return Response.json(
    { status: database.isReachable ? 'ok' : 'degraded', database: database.isReachable ? 'reachable' : 'unreachable', latencyMs: database.latencyMs },
    { status: database.isReachable ? 200 : 503, headers: database.isReachable ? { 'Cache-Control': 'no-store' } : { 'Cache-Control': 'no-store', 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } },
  );
}
