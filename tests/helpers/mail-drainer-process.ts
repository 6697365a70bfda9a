// A process that does what every app process does with the outbox: drain it to SMTP_URL until it is killed or,
// with --until-idle, until nothing is due for a second. Run with tsx --conditions=react-server.
import { unsafeDeliverNextMail } from '@/lib/dal/mail-outbox';
import { getMailConfig } from '@/lib/mail/config';
import { createMailSender } from '@/lib/mail/transport';

const config = getMailConfig();
if (!config) throw new Error('Set SMTP_URL.');
const send = createMailSender(config);
const untilIdle = process.argv.includes('--until-idle');
let idleSince = Date.now();
for (;;) {
  if (await unsafeDeliverNextMail(send, config.origin)) {
    idleSince = Date.now();
    process.stdout.write('.');
  } else {
    if (untilIdle && Date.now() - idleSince > 1_000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
process.exit(0);
