import 'server-only';
import { randomUUID } from 'node:crypto';
import { getApiViewer, type ApiAccess, type ApiResource } from '@/lib/dal/api-access';
import type { Viewer } from '@/lib/dal/authorization';
import { AppError, errorResponse, statusErrorResponse } from '@/lib/errors';
import { corsHeadersFor } from '@/lib/http/cors';
import { HttpError } from '@/lib/http/http-error';
import { hasMediaType, publicBaseUrlOf, readBodyBytes, readJsonBody } from '@/lib/request-info';

/** Who a route acts for: an API caller (token or session, counted against the rate limit) on a resource, or nobody. */
export type RouteAuth<Params> = { resource: (params: Params) => ApiResource; access: ApiAccess; signInMessage?: string } | 'none';

/** What a route accepts and adds; see `route`. */
export type RouteOptions<Params> = {
  auth: RouteAuth<Params>;
  /** Media types a body may have (parameters ignored) and the sentence a 415 says. */
  accepts?: { types: readonly string[]; message: string };
  /** Largest body in bytes, and what a 413 says. */
  bodyLimit?: { bytes: number; message?: string };
  /** Headers every answer of the route carries, errors included (Allow, Link, Vary…). */
  headers?: Record<string, string>;
  /** False for routes no other site should read even without credentials (sign-in). */
  cors?: false;
};

/** What a handler is given: the request, its parameters, the caller, the request id, the public origin and the body readers. */
export type RouteContext<Params, R extends Request = Request> = {
  request: R;
  params: Params;
  viewer: Viewer | null;
  requestId: string;
  baseUrl: string;
  query: URLSearchParams;
  /** The body parsed as JSON, within the body limit (413, or 422 when it is not JSON). */
  json: () => Promise<unknown>;
  /** The body's bytes, within the body limit (413). */
  bytes: () => Promise<Buffer>;
};

type NextContext<Params> = { params: Promise<Params> };

const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Wraps a route handler with what every API route does: a request id (the client's `X-Request-Id` when sane, else
 * a new one, echoed back and named in logs), the caller through getApiViewer (token or session, held to the
 * token's workspace, counted against the rate limit), a 401 with `signInMessage` for a signed-out caller where one
 * is required, the accepted media types (415), the body limit (413), every thrown AppError or HttpError turned into
 * its response, CORS for reads that carry no credentials, and the route's own headers on every answer.
 */
export function route<Params, R extends Request = Request>(options: RouteOptions<Params>, handler: (context: RouteContext<Params, R>) => Promise<Response>) {
  return async (request: R, next: NextContext<Params>): Promise<Response> => {
    const requestId = requestIdOf(request);
    let response: Response;
    try {
      const params = await next.params;
      const viewer = await viewerFor(request, params, options.auth);
      if (options.accepts && !hasMediaType(request, options.accepts.types)) {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', options.accepts.message);
      }
      const limit = options.bodyLimit?.bytes ?? DEFAULT_BODY_LIMIT;
      response = await handler({
        request,
        params,
        viewer,
        requestId,
        baseUrl: publicBaseUrlOf(request),
        query: new URL(request.url).searchParams,
        json: () => readJsonBody(request, limit),
        bytes: async () => {
          const bytes = await readBodyBytes(request, limit);
          if (bytes === null) throw new AppError('PAYLOAD_TOO_LARGE', options.bodyLimit?.message ?? `The request body is larger than ${Math.round(limit / 1024)} KB.`);
          return bytes;
        },
      });
    } catch (error) {
      response = error instanceof HttpError ? statusErrorResponse(error.status, error.code, error.message, error.headers) : errorResponse(error, requestId);
    }
    return finish(request, response, requestId, options.headers, options.cors !== false);
  };
}

/** A HEAD handler from a GET handler: the same status and headers, no body. */
export function headOf<Params>(get: (request: Request, next: NextContext<Params>) => Promise<Response>) {
  return async (request: Request, next: NextContext<Params>): Promise<Response> => {
    const response = await get(request, next);
    await response.body?.cancel().catch(() => undefined);
    return new Response(null, { status: response.status, headers: response.headers });
  };
}

/**
 * An OPTIONS handler: 200 with the route's headers (Allow above all), and for a cross-origin preflight of a read
 * the CORS grant; writes are never granted, so no other site can make a browser write here.
 */
export function optionsOf(headers: Record<string, string>) {
  return async (request: Request): Promise<Response> => finish(request, new Response(null, { status: 200, headers: { 'Cache-Control': 'no-store' } }), requestIdOf(request), headers);
}

async function viewerFor<Params>(request: Request, params: Params, auth: RouteAuth<Params>): Promise<Viewer | null> {
  if (auth === 'none') return null;
  const viewer = await getApiViewer(request, auth.resource(params), auth.access);
  if (viewer === null && auth.signInMessage !== undefined) throw new AppError('UNAUTHENTICATED', auth.signInMessage);
  return viewer;
}

function finish(request: Request, response: Response, requestId: string, headers: Record<string, string> = {}, allowsCors = true): Response {
  const result = withChangeableHeaders(response);
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'vary') appendVary(result.headers, value);
    else if (!result.headers.has(name)) result.headers.set(name, value);
  }
  for (const [name, value] of Object.entries(allowsCors ? corsHeadersFor(request) : {})) {
    if (name === 'Vary') appendVary(result.headers, value);
    else result.headers.set(name, value);
  }
  result.headers.set('X-Request-Id', requestId);
  return result;
}

// A response built here can take more headers; one whose headers are immutable (Response.redirect, a fetched one)
// is copied first, which re-wraps its body in a new stream, so only those pay for it.
function withChangeableHeaders(response: Response): Response {
  try {
    response.headers.set('X-Request-Id', '');
    return response;
  } catch {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
}

function appendVary(target: Headers, value: string): void {
  const names = new Set([...(target.get('vary') ?? '').split(','), ...value.split(',')].map((name) => name.trim()).filter(Boolean));
  target.set('Vary', [...names].join(', '));
}

// A client's own id is kept when it is a plain token, so its logs and ours name the same request.
function requestIdOf(request: Request): string {
  const sent = request.headers.get('x-request-id')?.trim() ?? '';
  return /^[A-Za-z0-9._-]{8,64}$/u.test(sent) ? sent : randomUUID();
}
