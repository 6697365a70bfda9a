// Runs once when a server process starts: refuse to serve without the configuration production needs,
// with a message that says what to set, instead of failing on the first sign-in.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getAuthSecret, getDatabaseUrl } = await import('@/lib/env');
  getDatabaseUrl();
  getAuthSecret();
}
