import { checkDatabase } from '@/lib/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await checkDatabase();
  return Response.json(
    { status: database.isReachable ? 'ok' : 'degraded', database: database.isReachable ? 'reachable' : 'unreachable', latencyMs: database.latencyMs },
    { status: database.isReachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
