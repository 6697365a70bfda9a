import 'server-only';
import { getDb } from '@/lib/db';
import { authenticateApiToken, type ApiTokenGrant } from '@/lib/dal/api-tokens';
import type { Viewer } from '@/lib/dal/authorization';
import { getViewer } from '@/lib/dal/viewer';
import { getApiRateLimitPerMinute } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { countRateLimitedEvent } from '@/lib/rate-limit';
import { clientAddressOf, publicBaseUrlOf } from '@/lib/request-info';
import { isUuid } from '@/lib/domain/ids';

/** What an API request acts on, so a workspace-scoped token can be held to its workspace. */
export type ApiResource = { documentSlug: string } | { annotationId: string } | { workspaceSlug: string };

/** Whether the request only reads, or changes something (read-only tokens may not). */
export type ApiAccess = 'read' | 'write';

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
    const { viewer, grant } = await authenticateApiToken(token).catch(async (error: unknown) => {
      // Guessing tokens costs a lookup each: wrong ones count against the sender's address like visitors' requests.
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') await enforceRateLimit(`address:${clientAddressOf(request.headers)}`);
      throw error;
    });
    if (access === 'write' && !grant.canWrite) {
      throw new AppError('FORBIDDEN', 'This API token is read-only. Create a token that may write in Settings → API tokens.');
    }
    const scoped = await scopeToGrant(resource, grant, access, viewer);
    await enforceRateLimit(`token:${grant.tokenId}`);
    return scoped;
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

/**
 * Holds a token to its workspace. Outside it the token is worth no more than no credentials at all: a public
 * document reads as a visitor sees it, and anything else, existing or not, is the same 404, so a token cannot be
 * used to learn which private documents, annotations or workspaces exist elsewhere.
 */
async function scopeToGrant(resource: ApiResource, grant: ApiTokenGrant, access: ApiAccess, viewer: Viewer): Promise<Viewer | null> {
  const found = await locate(resource);
  if (found?.workspaceId === grant.workspaceId) return viewer;
  if (found?.isPublic && access === 'read') return null;
  throw new AppError('NOT_FOUND', `Nothing at that address is in “${grant.workspaceName}”, the one workspace this API token works in.`);
}

async function locate(resource: ApiResource): Promise<{ workspaceId: string; isPublic: boolean } | null> {
  const db = getDb();
  if ('documentSlug' in resource) {
    const document = await db.document.findUnique({ where: { slug: resource.documentSlug }, select: { workspaceId: true, visibility: true } });
    return document && { workspaceId: document.workspaceId, isPublic: document.visibility === 'PUBLIC' };
  }
  if ('annotationId' in resource) {
    if (!isUuid(resource.annotationId)) return null;
    const annotation = await db.annotation.findUnique({ where: { id: resource.annotationId }, select: { document: { select: { workspaceId: true, visibility: true } } } });
    return annotation && { workspaceId: annotation.document.workspaceId, isPublic: annotation.document.visibility === 'PUBLIC' };
  }
  const workspace = await db.workspace.findUnique({ where: { slug: resource.workspaceSlug }, select: { id: true } });
  return workspace && { workspaceId: workspace.id, isPublic: false };
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
