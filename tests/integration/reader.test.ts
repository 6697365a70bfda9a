import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, createSectionComment, replyToAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { getReaderDocument } from '@/lib/dal/documents';
import { ANNOTATION_LIST_LIMIT } from '@/lib/domain/annotation-list';
import { codePointLength } from '@/lib/domain/text';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createUser, createWorkspace } from '@/tests/helpers/factories';

const SENTENCE = 'The volunteers crossed the border in small groups.';
const TEXT = ['Field notes', '', ...Array.from({ length: 120 }, (_, index) => `${index + 1}. ${SENTENCE}`).flatMap((line) => [line, '']), '', '', 'Later', '', 'A closing paragraph.', ''].join('\n');

let database: TestDatabase;
let reader: Viewer;
let slug: string;
const bodies = new Map<string, string>();

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  reader = await createUser(database.db, 'Reader');
  const workspace = await createWorkspace(database.db, [[reader, 'OWNER']]);
  slug = await createDocument(database.db, workspace.id, { text: TEXT });
  // One thread on each numbered paragraph, in text order, so the list's first batch is known.
  for (let number = 1; number <= ANNOTATION_LIST_LIMIT + 5; number++) {
    const at = TEXT.indexOf(`${number}. ${SENTENCE}`);
    const start = codePointLength(TEXT.slice(0, at));
    const id = randomUUID();
    const body = `Comment on paragraph ${number}`;
    await createAnnotation(reader, slug, { id, versionNumber: 1, start, end: start + codePointLength(`${number}. ${SENTENCE}`), body, tags: [], visibility: 'WORKSPACE' });
    bodies.set(id, body);
  }
  await createSectionComment(reader, slug, 'later', { id: randomUUID(), body: 'About the last section', visibility: 'WORKSPACE' });
});

afterAll(async () => {
  await database.drop();
});

describe('the reader with more threads than the list shows', () => {
  it('lists every thread and highlights every passage, but reads the text only of the first batch and the discussions', async () => {
    const document = await getReaderDocument(reader, slug);
    const placed = document!.list.placed;
    expect(placed).toHaveLength(ANNOTATION_LIST_LIMIT + 5);
    expect(document!.highlights).toHaveLength(ANNOTATION_LIST_LIMIT + 5);
    placed.slice(0, ANNOTATION_LIST_LIMIT).forEach((node, index) => {
      expect(node.item?.body).toBe(`Comment on paragraph ${index + 1}`);
      expect(node.item?.quote).toBe(`${index + 1}. ${SENTENCE}`);
    });
    expect(placed.slice(ANNOTATION_LIST_LIMIT).map((node) => node.item?.body)).toEqual(['', '', '', '', '']);
    const discussion = document!.annotations.annotations.find((annotation) => annotation.target === 'section');
    expect(discussion?.body).toBe('About the last section');
  });

  it('reads the text of every thread when the whole list is asked for, replies included', async () => {
    const last = [...bodies.keys()].at(-1)!;
    await replyToAnnotation(reader, { id: randomUUID(), parentId: last, body: 'A reply far down the list' });
    const document = await getReaderDocument(reader, slug, {}, null, { isListComplete: true });
    const lastNode = document!.list.placed.at(-1);
    expect(lastNode?.item?.body).toBe(bodies.get(last));
    expect(lastNode?.children.map((child) => child.item?.body)).toEqual(['A reply far down the list']);
  });

  it('a filter picks its threads before the first batch is cut, so filtered threads come with their text', async () => {
    const document = await getReaderDocument(reader, slug, { section: 'later' });
    expect(document!.list.placed).toHaveLength(0);
    const filtered = await getReaderDocument(reader, slug, { author: 'Reader' });
    expect(filtered!.list.placed.slice(0, ANNOTATION_LIST_LIMIT).every((node) => node.item?.body.startsWith('Comment on paragraph'))).toBe(true);
  });
});
