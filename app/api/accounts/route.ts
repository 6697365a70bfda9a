import { createAccount } from '@/lib/dal/accounts';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/http/route';
import { clientAddressOf, MAX_FORM_BYTES, refuseLoneSurrogates } from '@/lib/request-info';

// Sign-up. A route handler rather than a server action so throttled clients get a real 429 and
// non-browser clients can create accounts too.
export const POST = route({ auth: 'none', bodyLimit: { bytes: MAX_FORM_BYTES, message: 'That request is too large.' }, cors: false }, async ({ request, bytes }) => {
  const input = parseBody(request.headers.get('content-type') ?? '', new TextDecoder().decode(await bytes()));
  const { email } = await createAccount(input, clientAddressOf(request.headers));
  // The same answer whether the e-mail was free or already had an account (see createAccount).
  return Response.json({ account: { email } }, { status: 201 });
});

function parseBody(contentType: string, body: string): unknown {
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  if (!contentType.startsWith('application/json')) throw new AppError('INVALID_INPUT', 'Send the form as JSON or as a URL-encoded form.');
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch {
    throw new AppError('INVALID_INPUT', 'The request body is not valid JSON.');
  }
  refuseLoneSurrogates(value);
  return value;
}
