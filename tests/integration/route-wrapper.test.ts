import { describe, expect, it } from 'vitest';
import { route } from '@/lib/http/route';

const call = (handler: () => Promise<Response>, headers: Record<string, string> = {}) =>
  route({ auth: 'none', headers: { Allow: 'GET, POST', Vary: 'Accept' } }, handler)(new Request('http://localhost/api/thing', { headers }), { params: Promise.resolve({}) });

describe('the API wrapper', () => {
  it('adds the request id, the route’s headers and CORS to an answer, and keeps its status and body', async () => {
    const response = await call(async () => new Response(JSON.stringify({ ok: true }), { status: 201, headers: { 'Content-Type': 'application/json', Vary: 'Prefer' } }), { 'X-Request-Id': 'client-chosen-id-1' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('x-request-id')).toBe('client-chosen-id-1');
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(response.headers.get('vary')).toBe('Prefer, Accept, Origin, Cookie, Authorization');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('adds them to an answer whose own headers cannot be changed, such as a redirect', async () => {
    const response = await call(async () => Response.redirect('http://localhost/api/thing/', 308));
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('http://localhost/api/thing/');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/u);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});
