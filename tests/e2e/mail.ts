import { expect } from '@playwright/test';

/** What one mail the app sent looks like in the browser tests' mailbox. */
export type SentMail = { messageId: string; to: string; subject: string; text: string; html: string };

/** The ports of the mail server beside the app on `port`: apart from every other E2E_PORT's (3100, 3101…). */
export function mailSinkOf(port: number): { smtpPort: number; mailboxPort: number; mailboxUrl: string } {
  return { smtpPort: port + 1000, mailboxPort: port + 2000, mailboxUrl: `http://127.0.0.1:${port + 2000}` };
}

const { mailboxUrl } = mailSinkOf(Number(process.env.E2E_PORT ?? 3100));

/** Returns the mails the app has sent to `address` so far, oldest first. */
export async function mailsTo(address: string): Promise<SentMail[]> {
  const response = await fetch(`${mailboxUrl}/mails?to=${encodeURIComponent(address)}`);
  return (await response.json()) as SentMail[];
}

/** Waits until `count` mails have reached `address` (the outbox drains every few seconds) and returns them. */
export async function waitForMails(address: string, count = 1): Promise<SentMail[]> {
  let mails: SentMail[] = [];
  await expect(async () => {
    mails = await mailsTo(address);
    expect(mails.length).toBeGreaterThanOrEqual(count);
  }).toPass({ timeout: 20_000 });
  return mails;
}

/** Returns the first link in `mail`'s text whose path starts with `pathPrefix`, as a path the browser can open. */
export function linkIn(mail: SentMail, pathPrefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/gu)?.map((found) => new URL(found)).find((url) => url.pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`No ${pathPrefix} link in the mail “${mail.subject}”:\n${mail.text}`);
  return link.pathname + link.search;
}
