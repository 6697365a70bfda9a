export const dynamic = 'force-dynamic';

// A request that does no work: no session, no rate limit, no database. The benchmark sets what a request costs
// the server by itself (CPU, latency, capacity) against it; load balancers may use it as a liveness probe too.
export function GET() {
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
