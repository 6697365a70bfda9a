import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '@/lib/dal/annotations';
import { addSourceToNote } from '@/lib/dal/sources';
import { createWorkspace } from '@/lib/dal/workspaces';
import { codePointLength } from '@/lib/domain/text';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, type Team } from '@/tests/helpers/factories';

const TEXT = 'A memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2]\n';

let database: TestDatabase;
let team: Team;
let slug: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
});

afterAll(async () => {
  await database.drop();
});

function annotate(tags: string[], body = '') {
  const at = TEXT.indexOf('A claim with a source.');
  const start = codePointLength(TEXT.slice(0, at));
  return createAnnotation(team.people.editor, slug, { id: randomUUID(), versionNumber: 1, start, end: start + 22, body, tags, visibility: 'WORKSPACE' });
}

// The code of the refusal, and its message with the field messages, where a form shows them.
async function failureOf(call: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  return call().then(
    () => ({ message: 'succeeded' }),
    (error: unknown) => {
      const { code, message, fieldErrors } = error as { code?: string; message: string; fieldErrors?: Record<string, string[]> };
      return { code, message: [message, ...Object.values(fieldErrors ?? {}).flat()].join(' ') };
    },
  );
}

const tagNames = async () => (await database.db.tag.findMany({ where: { workspaceId: team.workspace.id }, select: { name: true } })).map((tag) => tag.name).sort();

describe('tags', () => {
  it('refuse a zero-width space, naming it, so `ab` and `a\\u200Bb` cannot become two tags that look alike', async () => {
    await annotate(['ab']);
    const failure = await failureOf(() => annotate(['a\u200Bb']));
    expect(failure.code).toBe('INVALID_INPUT');
    expect(failure.message).toContain('zero-width space (U+200B)');
    expect((await tagNames()).filter((name) => name.replace(/\u200B/gu, '') === 'ab')).toEqual(['ab']);
  });

  it('refuse bidi controls and other invisible characters, each named', async () => {
    for (const [typed, named] of [
      ['right\u202Eleft', 'U+202E'],
      ['word\u2060joiner', 'U+2060'],
      ['\uFEFFbom', 'U+FEFF'],
      ['soft\u00ADhyphen', 'U+00AD'],
      ['iso\u2066late', 'U+2066'],
    ] as const) {
      const failure = await failureOf(() => annotate([typed]));
      expect(failure.code, typed).toBe('INVALID_INPUT');
      expect(failure.message).toContain(named);
    }
  });

  it('compare after NFKC and case folding, so fullwidth and case variants join one tag', async () => {
    await annotate(['Straße', 'ＳＴＲＡＳＳＥ', 'strasse', 'ﬁnance', 'FINANCE']);
    const names = await tagNames();
    expect(names.filter((name) => name.startsWith('stras') || name.startsWith('straß'))).toEqual(['strasse']);
    expect(names.filter((name) => name.includes('finance') || name.includes('ﬁnance'))).toEqual(['finance']);
  });

  it('keep a zero-width non-joiner between letters, as Persian and Tajik words need', async () => {
    await annotate(['می\u200Cخواهم']);
    expect(await tagNames()).toContain('می\u200Cخواهم');
  });
});

describe('names and titles', () => {
  it('store workspace names in NFC and refuse a bidi override in them, naming it', async () => {
    const created = await createWorkspace(team.people.owner, { name: 'Cafe\u0301 desk' });
    expect((await database.db.workspace.findUniqueOrThrow({ where: { slug: created.slug }, select: { name: true } })).name).toBe('Caf\u00E9 desk');
    const failure = await failureOf(() => createWorkspace(team.people.owner, { name: 'Desk \u202Egnp' }));
    expect(failure.code).toBe('INVALID_INPUT');
    expect(failure.message).toContain('U+202E');
  });

  it('store source titles in NFC, keep a joiner a title needs, and refuse an unpaired surrogate or an isolate', async () => {
    await addSourceToNote(team.people.editor, slug, 1, { kind: 'WEBPAGE', title: 'Re\u0301sume\u0301 of می\u200Cخواهم' });
    const titles = (await database.db.source.findMany({ select: { title: true } })).map((source) => source.title);
    expect(titles).toContain('R\u00E9sum\u00E9 of می\u200Cخواهم');
    for (const [title, named] of [
      ['Broken \uD800 title', 'U+D800'],
      ['Isolated \u2067title', 'U+2067'],
    ] as const) {
      const failure = await failureOf(() => addSourceToNote(team.people.editor, slug, 1, { kind: 'WEBPAGE', title }));
      expect(failure.code).toBe('INVALID_INPUT');
      expect(failure.message).toContain(named);
    }
  });
});

describe('comments', () => {
  it('keep what people type, emoji sequences and joiners included', async () => {
    const body = 'Family: 👨‍👩‍👧, flag: 🏳️‍🌈, skin tone: 👍🏽, and a word\u200Bbreak hint.';
    const created = await annotate([], body);
    expect((await database.db.annotation.findUniqueOrThrow({ where: { id: created.id }, select: { body: true } })).body).toBe(body);
  });
});
