import nodemailer from 'nodemailer';
import type { MailConfig } from '@/lib/mail/config';

/** One composed mail as the outbox hands it to the transport. */
export type OutgoingMail = { to: string; messageId: string; subject: string; text: string; html: string; unsubscribeUrl: string | null };

/** Sends one mail; rejects when the SMTP server did not take it (the outbox then retries). */
export type MailSender = (mail: OutgoingMail) => Promise<void>;

/** Returns a sender over nodemailer's SMTP transport for `config`, signing with DKIM when a key is configured. */
export function createMailSender(config: MailConfig): MailSender {
  const transport = nodemailer.createTransport(config.smtpUrl, {
    from: config.from,
    ...(config.dkim ? { dkim: config.dkim } : {}),
  });
  return async (mail) => {
    await transport.sendMail({
      from: config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.unsubscribeUrl
        ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
        : {},
    });
  };
}
