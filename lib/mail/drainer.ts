import 'server-only';
import { unsafeDeliverNextMail, unsafeGatherDigests } from '@/lib/dal/mail-outbox';
import { getMailConfig } from '@/lib/mail/config';
import { createMailSender } from '@/lib/mail/transport';

// One drainer per process, started when the server starts (instrumentation.ts), so every app process sends mail
// whether or not anyone visits it. It sends every due row, then sleeps a little; a failure of the database or the
// mail server only delays it.

const POLL_MS = 2_000;
const globalForDrainer = globalThis as unknown as { marginaliaMailDrainer?: { stop: () => void } };

/** Starts this process's outbox drainer when SMTP_URL is set and it is not running yet. */
export function ensureMailDrainer(): void {
  if (globalForDrainer.marginaliaMailDrainer) return;
  let config: ReturnType<typeof getMailConfig>;
  try {
    config = getMailConfig();
  } catch (error) {
    // A mistyped SMTP_URL turns mail off, said once, rather than failing every page.
    console.error(`Mail is off: ${error instanceof Error ? error.message : String(error)}`);
    globalForDrainer.marginaliaMailDrainer = { stop: () => undefined };
    return;
  }
  if (!config) return;
  const send = createMailSender(config);
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await unsafeGatherDigests();
      while (!isStopped && (await unsafeDeliverNextMail(send, config.origin))) {
        // keep sending while rows are due
      }
    } catch (error) {
      console.error('Mail outbox: will try again shortly.', error instanceof Error ? error.message : error);
    }
    if (!isStopped) timer = setTimeout(tick, POLL_MS);
  };
  globalForDrainer.marginaliaMailDrainer = {
    stop: () => {
      isStopped = true;
      clearTimeout(timer);
    },
  };
  timer = setTimeout(tick, 0);
}
