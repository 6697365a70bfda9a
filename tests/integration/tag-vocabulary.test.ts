import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkspaceActivity } from '@/lib/dal/activity-feed';
import { importAnnotations } from '@/lib/dal/annotation-import';
import { createAnnotation, findDocumentAnnotations, updateAnnotation } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { getReaderDocument, getReaderHighlights } from '@/lib/dal/documents';
import { updateHighlightColouring } from '@/lib/dal/preferences';
import { searchEverything } from '@/lib/dal/search';
import { findTaggedAnnotations, findTagSuggestions, findWorkspaceTags, moveTag, TAGS_PER_PAGE } from '@/lib/dal/tags';
import { paletteColourFor } from '@/lib/domain/colours';
import { PLAIN_HIGHLIGHT_COLOUR } from '@/lib/domain/highlight-colours';
import { MAX_SHARED_TAGS } from '@/lib/domain/tags';
import { codePointLength } from '@/lib/domain/text';
import { AppError } from '@/lib/errors';
import { addStarterVocabulary } from '@/lib/vocabulary';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createUser, createWorkspace } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const TEXT = 'A tagging memo\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left. Nobody counted them.\n';

let database: TestDatabase;
let people: Record<'owner' | 'editor' | 'author' | 'colleague' | 'viewer' | 'outsider', Viewer>;

function rangeOf(quote: string): { start: number; end: number } {
  const at = TEXT.indexOf(quote);
  if (at === -1) throw new Error(`"${quote}" is not in the text`);
  const start = codePointLength(TEXT.slice(0, at));
  return { start, end: start + codePointLength(quote) };
}

async function annotate(viewer: Viewer, slug: string, fields: { tags: string[]; visibility: 'PRIVATE' | 'WORKSPACE'; quote?: string }): Promise<string> {
  const id = randomUUID();
  await createAnnotation(viewer, slug, { id, versionNumber: 1, ...rangeOf(fields.quote ?? 'About 4,000 fighters left.'), body: 'A note.', tags: fields.tags, visibility: fields.visibility });
  return id;
}

async function refusalOf(call: () => Promise<unknown>): Promise<AppError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected a refusal');
}

/** A workspace with the starter vocabulary, every kind of member, and a private document. */
async function desk(): Promise<{ id: string; slug: string; documentSlug: string }> {
  const workspace = await createWorkspace(database.db, [
    [people.owner, 'OWNER'],
    [people.editor, 'EDITOR'],
    [people.author, 'COMMENTER'],
    [people.colleague, 'COMMENTER'],
    [people.viewer, 'VIEWER'],
  ]);
  await addStarterVocabulary(database.db, workspace.id);
  return { ...workspace, documentSlug: await createDocument(database.db, workspace.id, { text: TEXT }) };
}

/** Every tag name the viewer finds on the tags page, across all its pages. */
async function tagsPageNames(viewer: Viewer, workspaceSlug: string): Promise<string[]> {
  const names: string[] = [];
  for (let page = 1; ; page += 1) {
    const result = await findWorkspaceTags(viewer, workspaceSlug, { page });
    names.push(...result.tags.map((tag) => tag.name));
    if (page >= result.pageCount) return names;
  }
}

/** A W3C annotation file: `count` annotations on the memo's quote, each with its own `tagsEach` tags. */
function annotationFile(count: number, tagsEach: number, visibility?: 'workspace'): string {
  return JSON.stringify(
    Array.from({ length: count }, (_, index) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:uuid:${randomUUID()}`,
      type: 'Annotation',
      body: [
        { type: 'TextualBody', value: `Imported note ${index}`, purpose: 'commenting' },
        ...Array.from({ length: tagsEach }, (_, tag) => ({ type: 'TextualBody', value: `bulk-${index}-${tag}`, purpose: 'tagging' })),
      ],
      target: { source: 'https://elsewhere.example/memo', selector: [{ type: 'TextQuoteSelector', exact: 'About 4,000 fighters left.' }] },
      ...(visibility ? { visibility } : {}),
    })),
  );
}

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const { db } = database;
  people = {
    owner: await createUser(db, 'Owner'),
    editor: await createUser(db, 'Editor'),
    author: await createUser(db, 'Author'),
    colleague: await createUser(db, 'Colleague'),
    viewer: await createUser(db, 'Viewer'),
    outsider: await createUser(db, 'Outsider'),
  };
  await createWorkspace(db, [[people.outsider, 'OWNER']], 'Outsider desk');
});

afterAll(async () => {
  await database?.drop();
});

describe('a tag first used on a private note', () => {
  let workspace: { id: string; slug: string; documentSlug: string };
  beforeAll(async () => {
    workspace = await desk();
    await annotate(people.author, workspace.documentSlug, { tags: ['Secret-Plan'], visibility: 'PRIVATE' });
  });

  it('is invisible to every other member on the tags page, its own page, in suggestions and in the reader’s data', async () => {
    for (const other of [people.owner, people.editor, people.colleague, people.viewer]) {
      expect(await tagsPageNames(other, workspace.slug)).not.toContain('secret-plan');
      expect(await outcomeOf(() => findTaggedAnnotations(other, workspace.slug, 'secret-plan'))).toBe('NOT_FOUND');
      expect((await findTagSuggestions(other, workspace.documentSlug, 'secr')).map((tag) => tag.label)).toEqual([]);
      const reader = await getReaderDocument(other, workspace.documentSlug);
      expect(JSON.stringify(reader).toLowerCase()).not.toContain('secret-plan');
    }
  });

  it('is visible to its author, marked private', async () => {
    const page = await findWorkspaceTags(people.author, workspace.slug);
    expect(page.tags.find((tag) => tag.name === 'secret-plan')).toMatchObject({ label: 'Secret-Plan', isPrivate: true, count: 1 });
    expect((await findTagSuggestions(people.author, workspace.documentSlug, 'secr')).map((tag) => tag.label)).toEqual(['Secret-Plan']);
    expect((await findTaggedAnnotations(people.author, workspace.slug, 'secret-plan')).annotations).toHaveLength(1);
  });

  it('stays out of sight of a member who uses the same word on a private note of their own, apart from that member', async () => {
    await annotate(people.colleague, workspace.documentSlug, { tags: ['secret-plan'], visibility: 'PRIVATE', quote: 'Nobody counted them.' });
    expect(await tagsPageNames(people.colleague, workspace.slug)).toContain('secret-plan');
    expect(await tagsPageNames(people.editor, workspace.slug)).not.toContain('secret-plan');
  });

  it('becomes visible to every member once someone uses it on a shared annotation', async () => {
    const shared = await annotate(people.colleague, workspace.documentSlug, { tags: ['secret-plan'], visibility: 'WORKSPACE' });
    for (const other of [people.owner, people.editor, people.viewer]) {
      expect(await tagsPageNames(other, workspace.slug)).toContain('secret-plan');
      const tagged = await findTaggedAnnotations(other, workspace.slug, 'secret-plan');
      // The private notes carrying it stay private; only the shared annotation is listed.
      expect(tagged.annotations.map((annotation) => annotation.id)).toEqual([shared]);
      expect((await findTagSuggestions(other, workspace.documentSlug, 'secr')).map((tag) => tag.label)).toEqual(['Secret-Plan']);
    }
    expect((await findWorkspaceTags(people.author, workspace.slug)).tags.find((tag) => tag.name === 'secret-plan')?.isPrivate).toBe(false);
  });

  it('becomes visible when an edit adds it to a shared annotation', async () => {
    await annotate(people.author, workspace.documentSlug, { tags: ['hunch'], visibility: 'PRIVATE' });
    expect(await tagsPageNames(people.viewer, workspace.slug)).not.toContain('hunch');
    const shared = await annotate(people.colleague, workspace.documentSlug, { tags: [], visibility: 'WORKSPACE' });
    await updateAnnotation(people.colleague, shared, { body: 'Edited.', tags: 'hunch', revision: 1 });
    expect(await tagsPageNames(people.viewer, workspace.slug)).toContain('hunch');
  });

  it('never reaches the reader’s page as a vocabulary: the page carries only the tags of the annotations it shows', async () => {
    const reader = await getReaderDocument(people.viewer, workspace.documentSlug);
    expect(reader).not.toBeNull();
    expect(JSON.stringify(reader)).not.toContain('needs-source');
    expect(Object.keys(await findDocumentAnnotations(people.viewer, workspace.documentSlug))).not.toContain('vocabulary');
  });
});

describe('tag suggestions', () => {
  let workspace: { id: string; slug: string; documentSlug: string };
  beforeAll(async () => {
    workspace = await desk();
    await database.db.tag.createMany({
      data: [
        { workspaceId: workspace.id, name: 'ecstatic', label: 'ecstatic', colour: '#111111' },
        { workspaceId: workspace.id, name: 'source:stats-office', label: 'source:Stats-Office', colour: '#222222' },
        { workspaceId: workspace.id, name: 'station', label: 'station', colour: '#333333' },
      ],
    });
    await annotate(people.author, workspace.documentSlug, { tags: ['stateless'], visibility: 'PRIVATE' });
  });

  it('answers names starting with the typed text first, then a later word starting with it, then any containing it, with colours', async () => {
    const suggestions = await findTagSuggestions(people.colleague, workspace.documentSlug, 'STAT');
    expect(suggestions.map((tag) => tag.label)).toEqual(['station', 'statistic', 'source:Stats-Office', 'ecstatic']);
    expect(suggestions.find((tag) => tag.label === 'station')?.colour).toBe('#333333');
    expect(suggestions.find((tag) => tag.label === 'statistic')?.colour).toBe(paletteColourFor('statistic'));
  });

  it('follows the workspace’s order among equally close matches', async () => {
    const statistic = await database.db.tag.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name: 'statistic' } } });
    await moveTag(people.owner, workspace.slug, statistic.id, 1);
    expect((await findTagSuggestions(people.colleague, workspace.documentSlug, 'stat')).map((tag) => tag.label).slice(0, 2)).toEqual(['statistic', 'station']);
  });

  it('offers the author their own private tag and nobody else', async () => {
    expect((await findTagSuggestions(people.author, workspace.documentSlug, 'stat')).map((tag) => tag.label)).toContain('stateless');
    expect((await findTagSuggestions(people.colleague, workspace.documentSlug, 'stat')).map((tag) => tag.label)).not.toContain('stateless');
  });

  it('suggests at most eight, in the workspace’s order, when nothing is typed yet', async () => {
    const suggestions = await findTagSuggestions(people.colleague, workspace.documentSlug, '');
    expect(suggestions.length).toBeLessThanOrEqual(8);
    expect(suggestions[0]?.label).toBe('statistic');
  });

  it('answers not found to a member of another workspace, and asks a visitor to sign in', async () => {
    expect(await outcomeOf(() => findTagSuggestions(people.outsider, workspace.documentSlug, 'stat'))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => findTagSuggestions(null, workspace.documentSlug, 'stat'))).toBe('UNAUTHENTICATED');
  });
});

describe('the workspace’s order of tags', () => {
  it('decides the colour of an annotation with several tags, and only owners may change it', async () => {
    const workspace = await desk();
    const id = await annotate(people.author, workspace.documentSlug, { tags: ['statistic', 'claim'], visibility: 'WORKSPACE' });
    const colourOf = async () => (await getReaderHighlights(people.viewer, workspace.documentSlug))?.find(([highlightId]) => highlightId === id)?.[3];
    // Unranked tags come by name, so "claim" leads.
    expect(await colourOf()).toBe(paletteColourFor('claim'));
    const statistic = await database.db.tag.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId: workspace.id, name: 'statistic' } } });
    expect(await outcomeOf(() => moveTag(people.editor, workspace.slug, statistic.id, 1))).toBe('FORBIDDEN');
    expect(await colourOf()).toBe(paletteColourFor('claim'));
    await moveTag(people.owner, workspace.slug, statistic.id, 1);
    expect(await colourOf()).toBe(paletteColourFor('statistic'));
    expect((await findWorkspaceTags(people.viewer, workspace.slug)).tags[0]?.name).toBe('statistic');
    const card = (await findDocumentAnnotations(people.viewer, workspace.documentSlug)).annotations.find((annotation) => annotation.id === id);
    expect(card?.tags.map((tag) => tag.label)).toEqual(['statistic', 'claim']);
    expect(card?.colour).toBe(paletteColourFor('statistic'));
  });

  it('gives way to each person’s choice of colouring by author or by nothing, with a legend of the colours in use', async () => {
    const workspace = await desk();
    const id = await annotate(people.author, workspace.documentSlug, { tags: ['claim'], visibility: 'WORKSPACE' });
    const untagged = await annotate(people.colleague, workspace.documentSlug, { tags: [], visibility: 'WORKSPACE', quote: 'Nobody counted them.' });
    const reader = async () => (await getReaderDocument(people.viewer, workspace.documentSlug))!.annotations;
    expect((await reader()).legend).toEqual([
      { label: 'claim', colour: paletteColourFor('claim') },
      { label: 'Untagged', colour: PLAIN_HIGHLIGHT_COLOUR },
    ]);
    await updateHighlightColouring(people.viewer, { colouring: 'AUTHOR' });
    const byAuthor = await getReaderHighlights(people.viewer, workspace.documentSlug);
    expect(byAuthor?.find(([highlightId]) => highlightId === id)?.[3]).toBe(paletteColourFor(people.author.id));
    expect(byAuthor?.find(([highlightId]) => highlightId === untagged)?.[3]).toBe(paletteColourFor(people.colleague.id));
    expect((await reader()).legend.map((entry) => entry.label)).toEqual(['Author', 'Colleague']);
    // Another person's choice is their own.
    expect((await getReaderHighlights(people.editor, workspace.documentSlug))?.find(([highlightId]) => highlightId === id)?.[3]).toBe(paletteColourFor('claim'));
    await updateHighlightColouring(people.viewer, { colouring: 'NONE' });
    expect(new Set((await getReaderHighlights(people.viewer, workspace.documentSlug))?.map((range) => range[3]))).toEqual(new Set([PLAIN_HIGHLIGHT_COLOUR]));
    expect((await reader()).legend).toEqual([]);
    expect(await outcomeOf(() => updateHighlightColouring(people.viewer, { colouring: 'RAINBOW' }))).toBe('INVALID_INPUT');
    expect(await outcomeOf(() => updateHighlightColouring(null, { colouring: 'TAG' }))).toBe('UNAUTHENTICATED');
  });
});

describe('a bounded vocabulary', () => {
  let workspace: { id: string; slug: string; documentSlug: string };
  beforeAll(async () => {
    workspace = await desk();
    const existing = await database.db.tag.count({ where: { workspaceId: workspace.id } });
    await database.db.tag.createMany({
      data: Array.from({ length: MAX_SHARED_TAGS - existing }, (_, index) => ({ workspaceId: workspace.id, name: `filler-${index}`, label: `filler-${index}`, colour: '#cccccc' })),
    });
  });

  it('refuses a shared annotation that would add a tag past the limit, with a message that says so', async () => {
    const refusal = await refusalOf(() => annotate(people.author, workspace.documentSlug, { tags: ['claim', 'one-too-many'], visibility: 'WORKSPACE' }));
    expect(refusal.code).toBe('INVALID_INPUT');
    expect(refusal.message).toContain('1,000 shared tags');
    expect(refusal.fieldErrors?.tags?.[0]).toBe(refusal.message);
    expect(await database.db.tag.count({ where: { workspaceId: workspace.id, name: 'one-too-many' } })).toBe(0);
  });

  it('still takes shared annotations with tags the vocabulary has, and private notes with new words', async () => {
    await annotate(people.author, workspace.documentSlug, { tags: ['claim', 'filler-7'], visibility: 'WORKSPACE' });
    await annotate(people.author, workspace.documentSlug, { tags: ['my-own-word'], visibility: 'PRIVATE' });
    expect(await database.db.tag.count({ where: { workspaceId: workspace.id, isShared: true } })).toBe(MAX_SHARED_TAGS);
  });

  it('refuses sharing a private word when the vocabulary is full, on create and on edit', async () => {
    const refusal = await refusalOf(() => annotate(people.author, workspace.documentSlug, { tags: ['my-own-word'], visibility: 'WORKSPACE' }));
    expect(refusal.code).toBe('INVALID_INPUT');
    const shared = await annotate(people.author, workspace.documentSlug, { tags: ['claim'], visibility: 'WORKSPACE' });
    expect(await outcomeOf(() => updateAnnotation(people.author, shared, { body: 'Edited.', tags: 'claim, brand-new', revision: 1 }))).toBe('INVALID_INPUT');
    expect((await findDocumentAnnotations(people.author, workspace.documentSlug)).annotations.find((annotation) => annotation.id === shared)?.tags.map((tag) => tag.label)).toEqual(['claim']);
  });

  it('refuses an import of shared annotations over the limit, naming the limit, and stores nothing', async () => {
    const before = await database.db.annotation.count({ where: { document: { slug: workspace.documentSlug } } });
    const refusal = await refusalOf(() => importAnnotations(people.author, { documentSlug: workspace.documentSlug, content: annotationFile(3, 2, 'workspace'), format: 'w3c' }));
    expect(refusal.code).toBe('INVALID_INPUT');
    expect(refusal.message).toContain('at most 1,000');
    expect(await database.db.annotation.count({ where: { document: { slug: workspace.documentSlug } } })).toBe(before);
  });
});

describe('a 500-annotation import with 20 tags each', () => {
  let workspace: { id: string; slug: string; documentSlug: string };
  const file = annotationFile(500, 20);

  beforeAll(async () => {
    workspace = await desk();
  }, 120_000);

  it('as shared annotations is refused: 10,000 new tags are far over the limit', async () => {
    const refusal = await refusalOf(() => importAnnotations(people.author, { documentSlug: workspace.documentSlug, content: annotationFile(500, 20, 'workspace'), format: 'w3c' }));
    expect(refusal.code).toBe('INVALID_INPUT');
    expect(refusal.message).toContain('10,000 new ones');
  }, 120_000);

  it('as private notes is taken, and the tags page stays one bounded page for the importer and unchanged for everyone else', async () => {
    const report = await importAnnotations(people.author, { documentSlug: workspace.documentSlug, content: file, format: 'w3c' });
    expect(report.imported).toBe(500);
    const page = await findWorkspaceTags(people.author, workspace.slug);
    expect(page.tags).toHaveLength(TAGS_PER_PAGE);
    expect(page.total).toBe(10_006);
    expect(page.pageCount).toBe(Math.ceil(10_006 / TAGS_PER_PAGE));
    // One page of the vocabulary as the page receives it: a few kilobytes, not the 18 MB of the whole list.
    expect(JSON.stringify(page).length).toBeLessThan(20_000);
    const last = await findWorkspaceTags(people.author, workspace.slug, { page: 10_000 });
    expect(last.page).toBe(page.pageCount);
    const colleague = await findWorkspaceTags(people.colleague, workspace.slug);
    expect(colleague.total).toBe(6);
    const reader = await getReaderDocument(people.colleague, workspace.documentSlug);
    expect(JSON.stringify(reader)).not.toContain('bulk-');
  }, 180_000);
});

describe('comments and quotes shown outside their card', () => {
  it('read as plain text without Markdown or footnote markers in the feed, on the tag’s page and in search', async () => {
    const workspace = await desk();
    const id = randomUUID();
    await createAnnotation(people.author, workspace.documentSlug, {
      id,
      versionNumber: 1,
      ...rangeOf('A claim with a source.[2] About 4,000'),
      body: 'The **IMU** figure, per [OSW](https://www.osw.waw.pl/en) 👍🏽',
      tags: ['claim'],
      visibility: 'WORKSPACE',
    });
    const plain = 'The IMU figure, per OSW 👍🏽';
    const tagged = await findTaggedAnnotations(people.viewer, workspace.slug, 'claim');
    expect(tagged.annotations[0]).toMatchObject({ excerpt: plain, quote: 'A claim with a source. About 4,000' });
    const feed = await findWorkspaceActivity(people.viewer, workspace.slug);
    expect(feed.entries.find((entry) => entry.href?.endsWith(id))?.excerpt).toBe(plain);
    const found = await searchEverything(people.viewer, 'IMU figure');
    const snippet = found.results.find((result) => result.id === id)?.snippet ?? [];
    // PostgreSQL starts a fragment at a word it indexes, so the leading "The" may go; the rest is the plain text.
    expect(plain).toContain(snippet.map((part) => part.text).join(''));
    expect(snippet.map((part) => part.text).join('')).toContain('IMU figure, per OSW 👍🏽');
    expect(snippet.filter((part) => part.isMatch).map((part) => part.text)).toEqual(['IMU', 'figure']);
    const inText = await searchEverything(people.viewer, 'claim source');
    const paragraph = inText.results.find((result) => result.kind === 'paragraph' && result.documentTitle.includes(workspace.documentSlug));
    expect(paragraph?.snippet.map((part) => part.text).join('')).not.toMatch(/\[\d+\]/u);
  });
});
