import 'server-only';
import { getDb } from '@/lib/db';
import { authenticateApiToken, type ApiTokenGrant } from '@/lib/dal/api-tokens';
import type { Viewer } from '@/lib/dal/authorization';
import { getViewer } from '@/lib/dal/viewer';
import { getApiRateLimitPerMinute } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { countRateLimitedEvent } from '@/lib/rate-limit';
import { clientAddressOf, publicBaseUrlOf } from '@/lib/request-info';

/** What an API request acts on, so a workspace-scoped token can be held to its workspace. */
export type ApiResource = { documentSlug: string } | { annotationId: string } | { workspaceSlug: string };

/** Whether the request only reads, or changes something (read-only tokens may not). */
export type ApiAccess = 'read' | 'write';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/**
 * Authenticates an API request and counts it against the caller's rate limit. A request with an
 * `Authorization: Bearer` header acts through that personal API token (and only that: its cookie is ignored),
 * within the token's workspace and, for writes, only if the token may write. Otherwise the session cookie
 * decides, and a request with neither is a visitor (null), whom the data layer treats as signed out.
 * Throws UNAUTHENTICATED, FORBIDDEN or RATE_LIMITED with a message for the client.
 */
export async function getApiViewer(request: Request, resource: ApiResource, access: ApiAccess): Promise<Viewer | null> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const token = /^Bearer\s+(\S+)\s*$/iu.exec(authorization)?.[1];
    if (!token) throw new AppError('UNAUTHENTICATED', 'Send the API token as `Authorization: Bearer <token>`.');
    const { viewer, grant } = await authenticateApiToken(token);
    if (access === 'write' && !grant.canWrite) {
      throw new AppError('FORBIDDEN', 'This API token is read-only. Create a token that may write in Settings → API tokens.');
    }
    await requireWithinGrant(resource, grant);
    await enforceRateLimit(`token:${grant.tokenId}`);
    return viewer;
  }
  if (access === 'write') requireSameOriginForCookie(request);
  const viewer = await getViewer();
  await enforceRateLimit(viewer ? `user:${viewer.id}` : `address:${clientAddressOf(request.headers)}`);
  return viewer;
}

// The session cookie is SameSite=Lax and JSON bodies need a CORS preflight, but the document import also takes
// text/plain and multipart bodies, which a form on another site can send. Browsers name the page's origin on every
// cross-site POST, so a cookie write from elsewhere is refused outright; scripts use a token and send no Origin.
function requireSameOriginForCookie(request: Request): void {
  const origin = request.headers.get('origin');
  if (origin === null) return;
  const ownOrigins = new Set([publicBaseUrlOf(request), new URL(request.url).origin]);
  if (!ownOrigins.has(origin)) {
    throw new AppError('FORBIDDEN', 'Another site cannot write here with your session. Scripts should send a personal API token instead.');
  }
}

// A resource that does not exist passes: the data layer answers 404 for it exactly as it would without a token.
async function requireWithinGrant(resource: ApiResource, grant: ApiTokenGrant): Promise<void> {
  const workspaceId = await workspaceIdOf(resource);
  if (workspaceId !== null && workspaceId !== grant.workspaceId) {
    throw new AppError('FORBIDDEN', `This API token works only in the workspace “${grant.workspaceName}”.`);
  }
}

async function workspaceIdOf(resource: ApiResource): Promise<string | null> {
  const db = getDb();
  if ('documentSlug' in resource) {
    const document = await db.document.findUnique({ where: { slug: resource.documentSlug }, select: { workspaceId: true } });
    return document?.workspaceId ?? null;
  }
  if ('annotationId' in resource) {
    if (!UUID.test(resource.annotationId)) return null;
    const annotation = await db.annotation.findUnique({ where: { id: resource.annotationId }, select: { document: { select: { workspaceId: true } } } });
    return annotation?.document.workspaceId ?? null;
  }
  const workspace = await db.workspace.findUnique({ where: { slug: resource.workspaceSlug }, select: { id: true } });
  return workspace?.id ?? null;
}

async function enforceRateLimit(caller: string): Promise<void> {
  const perMinute = getApiRateLimitPerMinute();
  if (perMinute === 0) return;
  const state = await countRateLimitedEvent(getDb(), { name: 'api', limit: perMinute, windowSeconds: 60 }, caller);
  if (state.isLimited) {
    throw new AppError('RATE_LIMITED', `Too many requests: the API takes at most ${perMinute} a minute from one caller. Try again in ${state.retryAfterSeconds} seconds.`, {
      retryAfterSeconds: state.retryAfterSeconds,
    });
  }
}
