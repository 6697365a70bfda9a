import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail as the sink received it: its Message-ID, recipient, subject, bodies and headers. */
export type ReceivedMail = { messageId: string; to: string; subject: string; text: string; html: string; header: (name: string) => string | null; raw: string };

/** A real SMTP server on a free loopback port that keeps every mail it accepts. */
export type SmtpSink = { url: string; mails: ReceivedMail[]; waitFor: (count: number, timeoutMs?: number) => Promise<void>; close: () => Promise<void> };

/** Starts the sink on `port` (a free one by default); `delayMs` makes it slow to accept each mail (to kill a sender mid-way). */
export async function startSmtpSink(options: { delayMs?: number; port?: number } = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : (parsed.to?.text ?? '');
          const record = { messageId: parsed.messageId ?? '', to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : '', header: (name: string) => headerOf(parsed.headerLines, name), raw };
          setTimeout(() => {
            mails.push(record);
            callback();
          }, options.delayMs ?? 0);
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(count, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`The sink received ${mails.length} mails, not ${count}.`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// A header's value as sent, unfolded; null when the mail has none.
function headerOf(lines: ReadonlyArray<{ key: string; line: string }>, name: string): string | null {
  const found = lines.find((line) => line.key === name.toLowerCase());
  return found ? found.line.slice(found.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}
