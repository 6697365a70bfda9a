import { randomBytes } from 'node:crypto';
import { buildIfStale, runNext } from '@/lib/app-build';
import { findFreePort } from '@/lib/local-database';

/** A production server of the app on a free port, for tests that speak HTTP. */
export type AppServer = {
  baseUrl: string;
  /** The `next start` process id, for tests that must see it survive. */
  pid: number;
  /** Whether the process is still running (it has not exited or crashed). */
  isRunning: () => boolean;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Builds the app if its sources changed, then starts `next start` against `databaseUrl` and waits until it answers.
 * `env` adds or overrides variables of the server process (such as API_RATE_LIMIT_PER_MINUTE for load tests).
 */
export async function startAppServer(databaseUrl: string, options: { env?: Record<string, string> } = {}): Promise<AppServer> {
  const port = await findFreePort();
  const baseUrl = `http://localhost:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: baseUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production' as const,
    ...options.env,
  };
  await buildIfStale(env, (message) => console.log(message));
  const server = runNext(['start', '--port', String(port)], env, 'pipe');
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app server exited early:\n${output}`);
    const isUp = await fetch(`${baseUrl}/api/health`).then((response) => response.ok, () => false);
    if (isUp) {
      return {
        baseUrl,
        pid: server.pid ?? 0,
        isRunning: () => server.exitCode === null && server.signalCode === null,
        output: () => output,
        stop: async () => {
          if (server.exitCode !== null || server.signalCode !== null) return;
          const exited = new Promise((resolve) => server.once('exit', resolve));
          server.kill('SIGTERM');
          await exited;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill('SIGKILL');
  throw new Error(`The app server did not answer within a minute:\n${output}`);
}

/** Signs in through next-auth's credentials endpoint and returns the Cookie header of the new session. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('next-auth.session-token='));
  if (!session) throw new Error(`Sign-in failed with status ${response.status}`);
  return session.split(';')[0] ?? '';
}
