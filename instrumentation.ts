// Runs once when a server process starts: refuse to serve without the configuration production needs,
// with a message that says what to set, instead of failing on the first sign-in; then start this process's
// mail outbox drainer, so every app process sends mail from its first second, page visit or not.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getAuthSecret, getDatabaseUrl } = await import('@/lib/env');
  getDatabaseUrl();
  getAuthSecret();
  const { ensureMailDrainer } = await import('@/lib/mail/drainer');
  ensureMailDrainer();
}
