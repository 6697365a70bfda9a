import { readFileSync } from 'node:fs';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { digestMail, headerText, inviteMail, mailRetryDelaySeconds, notificationMail, passwordResetMail, type MailContent } from '@/lib/domain/mail-messages';
import { describeReaction, summariseReactions } from '@/lib/domain/reactions';

// The XSS corpus goes through every mail as the names, sentences and workspace names people write. The HTML part
// must hold only the elements and attributes of its own template, and no header may break into a second line.
const VECTORS = readFileSync('tests/fixtures/xss-vectors.txt', 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
const TEMPLATE_ELEMENTS = new Set(['html', 'head', 'body', 'p', 'a', 'ul', 'li']);
const LINK = 'https://marginalia.example/documents/memo#annotation-1';
const SETTINGS = 'https://marginalia.example/settings#email';

function injectedParts(content: MailContent): string[] {
  const found: string[] = [];
  visit(fromHtml(content.html), 'element', (node) => {
    if (!TEMPLATE_ELEMENTS.has(node.tagName)) found.push(`<${node.tagName}>`);
    for (const [name, value] of Object.entries(node.properties ?? {})) {
      if (/^on/i.test(name)) found.push(`${node.tagName}[${name}]`);
      if (name === 'href' && !String(value).startsWith('https://marginalia.example/')) found.push(`href=${String(value)}`);
      if (!['href', 'style'].includes(name)) found.push(`${node.tagName}[${name}]`);
    }
  });
  return found;
}

describe('notification, digest, invite and reset mail', () => {
  it('has a corpus to try', () => {
    expect(VECTORS.length).toBeGreaterThan(20);
  });

  it.each(VECTORS.map((vector, index) => [index, vector] as const))('keeps vector %i inert in every HTML part and header', (_index, vector) => {
    const mails = [
      notificationMail({ summary: vector, link: LINK }, SETTINGS),
      digestMail('2026-12-01', [{ summary: vector, link: LINK }, { summary: `Second ${vector}`, link: LINK }], SETTINGS),
      inviteMail({ inviterName: vector, workspaceName: vector, role: 'VIEWER', link: LINK, expiresOn: '2026-12-10' }),
      passwordResetMail(LINK, 60),
    ];
    for (const mail of mails) {
      expect(injectedParts(mail)).toEqual([]);
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
    // The words themselves survive in the plain-text part, exactly as written.
    expect(mails[0]!.text).toContain(vector);
  });

  it('never links to a non-web address that came in as a notification’s place', () => {
    const mail = notificationMail({ summary: 'A reply', link: 'javascript:alert(1)' }, SETTINGS);
    expect(mail.html).not.toContain('href="javascript');
  });

  it('puts a header on one line', () => {
    expect(headerText('Ana\r\nBcc: victim@example.org')).toBe('Ana Bcc: victim@example.org');
  });

  it('waits longer after each failure, never more than six hours', () => {
    expect([1, 2, 3, 4].map(mailRetryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(mailRetryDelaySeconds(40)).toBe(6 * 60 * 60);
  });
});

describe('reaction names', () => {
  it('say how many gave a reaction, and who, in order', () => {
    const [agree, disagree] = summariseReactions(
      [
        { kind: 'AGREE', userId: 'a', name: 'Ana' },
        { kind: 'AGREE', userId: 'b', name: 'Ben' },
        { kind: 'AGREE', userId: 'c', name: 'Cy' },
      ],
      'b',
    );
    expect(describeReaction(agree!)).toBe('Agree: 3, Ana, Ben and Cy');
    expect(agree!.isMine).toBe(true);
    expect(describeReaction(disagree!)).toBe('Disagree: nobody yet');
    expect(disagree!.isMine).toBe(false);
  });
});
