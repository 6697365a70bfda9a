import { DATABASE_RETRY_AFTER_SECONDS } from '@/lib/errors';
import { checkDatabase } from '@/lib/dal/health';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Database reachability for load balancers and uptime checks: never rate-limited, never cached.
export const GET = route({ auth: 'none' }, async () => {
  const database = await checkDatabase();
  return Response.json(
    { status: database.isReachable ? 'ok' : 'degraded', database: database.isReachable ? 'reachable' : 'unreachable', latencyMs: database.latencyMs },
    { status: database.isReachable ? 200 : 503, headers: database.isReachable ? { 'Cache-Control': 'no-store' } : { 'Cache-Control': 'no-store', 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } },
  );
});
