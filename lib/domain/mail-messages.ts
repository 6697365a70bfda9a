// The words of every e-mail, as plain text and as HTML. Pure: the outbox composes a message from these and the
// records it re-reads at send time. Everything that came from a person (names, summaries, workspace names) is
// escaped in the HTML part, and header values lose line breaks.

/** One e-mail's subject and bodies. */
export type MailContent = { subject: string; text: string; html: string };

/** A notification as a mail shows it: its sentence and an absolute link. */
export type MailItem = { summary: string; link: string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Returns `value` safe to place in HTML text or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Returns `value` as one header line: no line breaks or other control characters, at most 200 characters. */
export function headerText(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim().slice(0, 200);
}

// Only http(s) links are ever put in an href; anything else (a javascript: address) becomes plain text.
function safeHref(link: string): string | null {
  return /^https?:\/\//i.test(link) ? escapeHtml(link) : null;
}

function htmlPage(paragraphs: string[], footer: string): string {
  return [
    '<!doctype html><html><body style="font-family: Georgia, serif; line-height: 1.5; color: #1b1a17; max-width: 36rem">',
    ...paragraphs,
    `<p style="font-size: 0.85em; color: #5c574e">${footer}</p>`,
    '</body></html>',
  ].join('\n');
}

function htmlLink(link: string, label: string): string {
  const href = safeHref(link);
  return href ? `<a href="${href}">${escapeHtml(label)}</a>` : escapeHtml(label);
}

function notificationFooter(settingsLink: string): { text: string; html: string } {
  return {
    text: `You get this because of your e-mail setting in Marginalia. Change it: ${settingsLink}`,
    html: `You get this because of your e-mail setting in Marginalia. ${htmlLink(settingsLink, 'Change it in Settings')} or unsubscribe with one click in your mail program.`,
  };
}

/** The mail of one notification: its sentence as the subject, and a link to where it happened. */
export function notificationMail(item: MailItem, settingsLink: string): MailContent {
  const footer = notificationFooter(settingsLink);
  return {
    subject: headerText(item.summary),
    text: `${item.summary}\n\nOpen it: ${item.link}\n\n--\n${footer.text}\n`,
    html: htmlPage([`<p>${escapeHtml(item.summary)}</p>`, `<p>${htmlLink(item.link, 'Open it in Marginalia')}</p>`], footer.html),
  };
}

/** The daily digest: every item of one day (`day` as YYYY-MM-DD) in one mail, oldest first. */
export function digestMail(day: string, items: readonly MailItem[], settingsLink: string): MailContent {
  const footer = notificationFooter(settingsLink);
  const count = items.length === 1 ? '1 notification' : `${items.length} notifications`;
  return {
    subject: headerText(`Marginalia: ${count} from ${day}`),
    text: `${count} from ${day}:\n\n${items.map((item) => `- ${item.summary}\n  ${item.link}`).join('\n')}\n\n--\n${footer.text}\n`,
    html: htmlPage(
      [`<p>${escapeHtml(count)} from ${escapeHtml(day)}:</p>`, `<ul>${items.map((item) => `<li>${escapeHtml(item.summary)} (${htmlLink(item.link, 'open')})</li>`).join('')}</ul>`],
      footer.html,
    ),
  };
}

/** What an invite mail says: who invites, to which workspace, with which role, until when. */
export type InviteMailFacts = { inviterName: string; workspaceName: string; role: string; link: string; expiresOn: string };

/** The mail that carries an invite link. */
export function inviteMail(facts: InviteMailFacts): MailContent {
  const sentence = `${facts.inviterName} invites you to join ${facts.workspaceName} on Marginalia as ${facts.role.toLowerCase()}.`;
  return {
    subject: headerText(`${facts.inviterName} invites you to ${facts.workspaceName} on Marginalia`),
    text: `${sentence}\n\nJoin: ${facts.link}\n\nThe link works until ${facts.expiresOn}. If you did not expect this, ignore it.\n`,
    html: htmlPage(
      [`<p>${escapeHtml(sentence)}</p>`, `<p>${htmlLink(facts.link, 'Join the workspace')}</p>`],
      `The link works until ${escapeHtml(facts.expiresOn)}. If you did not expect this, ignore it.`,
    ),
  };
}

/** The mail with a password-reset link, valid for `minutes`. */
export function passwordResetMail(link: string, minutes: number): MailContent {
  return {
    subject: 'Reset your Marginalia password',
    text: `Someone asked to reset the password of this Marginalia account. Choose a new password here (the link works once, for ${minutes} minutes):\n\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
    html: htmlPage(
      [
        `<p>Someone asked to reset the password of this Marginalia account. The link works once, for ${minutes} minutes.</p>`,
        `<p>${htmlLink(link, 'Choose a new password')}</p>`,
      ],
      'If it was not you, ignore this mail: your password stays as it is.',
    ),
  };
}

/** Seconds to wait before attempt `attempts + 1` of a mail that failed `attempts` times: 30 s doubling, at most 6 h. */
export function mailRetryDelaySeconds(attempts: number): number {
  return Math.min(6 * 60 * 60, 30 * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

/** The UTC day (YYYY-MM-DD) an instant falls on, which names a digest. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
