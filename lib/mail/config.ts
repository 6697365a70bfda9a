import { getPublicOrigin } from '@/lib/env';

/** How the server sends mail, from SMTP_URL, MAIL_FROM and the optional DKIM key; null when mail is off. */
export type MailConfig = {
  smtpUrl: string;
  from: string;
  /** The app's public origin, for links in mail. */
  origin: string;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
};

/** Returns the mail configuration, or null when SMTP_URL is unset (mail is off and everything else works). */
export function getMailConfig(): MailConfig | null {
  const smtpUrl = process.env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  if (!/^smtps?:\/\//.test(smtpUrl)) throw new Error('SMTP_URL must be an smtp:// or smtps:// URL, for example smtps://user:password@mail.example.org:465.');
  const origin = getPublicOrigin() ?? `http://localhost:${process.env.PORT || '3000'}`;
  const from = process.env.MAIL_FROM?.trim() || `Marginalia <no-reply@${new URL(origin).hostname}>`;
  const privateKey = process.env.MAIL_DKIM_PRIVATE_KEY?.replace(/\\n/g, '\n');
  const domainName = process.env.MAIL_DKIM_DOMAIN;
  const dkim = privateKey && domainName ? { domainName, keySelector: process.env.MAIL_DKIM_SELECTOR || 'marginalia', privateKey } : null;
  return { smtpUrl, from, origin, dkim };
}

/** Whether the server sends mail (SMTP_URL is set); Settings says e-mail is off otherwise. */
export function isMailOn(): boolean {
  return Boolean(process.env.SMTP_URL?.trim());
}
