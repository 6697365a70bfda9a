import http from 'node:http';

/** An answer as the tests read it: status, headers (set-cookie as a list) and the body as text. */
export type LoopbackResponse = { status: number; headers: http.IncomingHttpHeaders; cookies: string[]; text: string };

/**
 * Sends one HTTP request to the app at `baseUrl` from the loopback address `source` (127.0.0.x), so each simulated
 * client of a test has an address of its own, as clients on a network would.
 */
export function requestFrom(
  source: string,
  baseUrl: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<LoopbackResponse> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: url.port, path: `${url.pathname}${url.search}`, method: init.method ?? 'GET', headers: init.headers, localAddress: source },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const setCookie = response.headers['set-cookie'] ?? [];
          resolve({ status: response.statusCode ?? 0, headers: response.headers, cookies: setCookie, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    request.on('error', reject);
    if (init.body !== undefined) request.write(init.body);
    request.end();
  });
}

/** Signs in through next-auth from `source`; returns the answer's status and the session cookie (null when refused). */
export async function signInFrom(
  source: string,
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; sessionCookie: string | null }> {
  const csrf = await requestFrom(source, baseUrl, '/api/auth/csrf');
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const csrfCookie = csrf.cookies.map((cookie) => cookie.split(';')[0]).join('; ');
  const response = await requestFrom(source, baseUrl, '/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie, 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
  });
  const session = response.cookies.find((cookie) => cookie.startsWith('next-auth.session-token='));
  return { status: response.status, sessionCookie: session ? (session.split(';')[0] ?? null) : null };
}
