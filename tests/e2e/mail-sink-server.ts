// The browser tests' mail server: a real SMTP server (tests/helpers/smtp-sink.ts) that the app under test sends to,
// and a small HTTP mailbox the tests read what arrived from. playwright.config.ts starts it beside the app.
//   npx tsx tests/e2e/mail-sink-server.ts <smtp port> <mailbox port>
import { createServer } from 'node:http';
import { startSmtpSink } from '@/tests/helpers/smtp-sink';

const [smtpPort, mailboxPort] = process.argv.slice(2).map(Number);
if (!smtpPort || !mailboxPort) throw new Error('Give the SMTP port and the mailbox port.');

const sink = await startSmtpSink({ port: smtpPort });
const mailbox = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    response.end('ok');
    return;
  }
  if (url.pathname !== '/mails') {
    response.writeHead(404).end();
    return;
  }
  // GET /mails?to=<address>: the mails sent to that address, oldest first.
  const to = url.searchParams.get('to')?.toLowerCase() ?? '';
  const mails = sink.mails.filter((mail) => mail.to.toLowerCase().includes(to)).map(({ messageId, to: address, subject, text, html }) => ({ messageId, to: address, subject, text, html }));
  response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(mails));
});
mailbox.listen(mailboxPort, '127.0.0.1');

const stop = () => {
  mailbox.close();
  void sink.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
