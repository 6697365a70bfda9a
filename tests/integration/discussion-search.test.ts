import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkspaceActivity, recordDocumentVisit } from '@/lib/dal/activity-feed';
import { createAnnotation, createSectionComment, findDocumentAnnotations, replyToAnnotation, resolveThread, type AnnotationView } from '@/lib/dal/annotations';
import type { Viewer } from '@/lib/dal/authorization';
import { getReaderDocument, getReaderHighlights, type ReaderDocument } from '@/lib/dal/documents';
import { searchEverything, type SearchResult } from '@/lib/dal/search';
import { findTaggedAnnotations, findWorkspaceTags, mergeTags, updateTag } from '@/lib/dal/tags';
import { createWorkspace as createWorkspaceAsMember } from '@/lib/dal/workspaces';
import type { AnnotationFilter } from '@/lib/domain/annotation-filter';
import { idsInThreads } from '@/lib/domain/annotation-list';
import { codePointLength } from '@/lib/domain/text';
import { AppError } from '@/lib/errors';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createUser, createWorkspace } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

type Visibility = 'PRIVATE' | 'WORKSPACE';

let database: TestDatabase;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
});

afterAll(async () => {
  await database.drop();
});

/** A plain-text document: a lead paragraph citing note 1, then a section (after two blank lines) citing note 2. */
function memo(lead: string, sectionBody: string, heading = 'First section'): string {
  return `A working memo\n\n${lead}\n\n\n${heading}\n\n${sectionBody}\n`;
}

async function latestVersionOf(slug: string) {
  return database.db.documentVersion.findFirstOrThrow({
    where: { document: { slug } },
    orderBy: { number: 'desc' },
    select: { id: true, number: true, text: true, documentId: true, sections: { select: { slug: true, heading: true } } },
  });
}

/** Code-point offsets of the first occurrence of `quote` in `text`. */
function rangeOf(text: string, quote: string): { start: number; end: number } {
  const at = text.indexOf(quote);
  if (at === -1) throw new Error(`"${quote}" is not in the text`);
  const start = codePointLength(text.slice(0, at));
  return { start, end: start + codePointLength(quote) };
}

/** Annotates the first occurrence of `quote` in the latest version of `slug`; returns the annotation's id. */
async function annotate(viewer: Viewer, slug: string, quote: string, options: { body?: string; tags?: string[]; visibility?: Visibility } = {}): Promise<string> {
  const version = await latestVersionOf(slug);
  const id = randomUUID();
  await createAnnotation(viewer, slug, {
    id,
    versionNumber: version.number,
    ...rangeOf(version.text, quote),
    body: options.body ?? '',
    tags: options.tags ?? [],
    visibility: options.visibility ?? 'WORKSPACE',
  });
  return id;
}

async function reply(viewer: Viewer, parentId: string, body: string): Promise<string> {
  const id = randomUUID();
  await replyToAnnotation(viewer, { id, parentId, body });
  return id;
}

async function discuss(viewer: Viewer | null, slug: string, sectionSlug: string, body: string, visibility: Visibility = 'WORKSPACE'): Promise<string> {
  const id = randomUUID();
  await createSectionComment(viewer, slug, sectionSlug, { id, body, visibility });
  return id;
}

async function search(viewer: Viewer | null, query: string, options: { documentSlug?: string } = {}): Promise<SearchResult[]> {
  return (await searchEverything(viewer, query, options)).results;
}

const idsOf = (results: SearchResult[]) => results.map((result) => result.id).sort();
const matchedWords = (result: SearchResult) => result.snippet.filter((run) => run.isMatch).map((run) => run.text.toLowerCase());

async function failureOf(call: () => Promise<unknown>): Promise<AppError> {
  const failure = await call().then(
    () => null,
    (error: unknown) => error,
  );
  if (!(failure instanceof AppError)) throw new Error(`Expected an AppError, got ${String(failure)}`);
  return failure;
}

async function viewsOf(viewer: Viewer | null, slug: string): Promise<AnnotationView[]> {
  return (await findDocumentAnnotations(viewer, slug)).annotations;
}

/** Ids of every annotation the reader draws a highlight for. */
// Every annotation the reader lists: its threads (all of them asked for) with their replies, orphans and discussions.
function listedIds(document: ReaderDocument): string[] {
  const { list, discussions } = document.annotations;
  return [...idsInThreads(list.placed), ...idsInThreads(list.orphans), ...discussions.map((annotation) => annotation.id)].sort();
}

describe('search respects who may see what', () => {
  let alice: Viewer;
  let bob: Viewer;
  let vera: Viewer;
  let oscar: Viewer;
  let privateSlug: string;
  let publicSlug: string;
  let otherSlug: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { db } = database;
    alice = await createUser(db, 'Alice');
    bob = await createUser(db, 'Bob');
    vera = await createUser(db, 'Vera');
    oscar = await createUser(db, 'Oscar');
    const desk = await createWorkspace(db, [
      [alice, 'COMMENTER'],
      [bob, 'COMMENTER'],
      [vera, 'VIEWER'],
    ]);
    const other = await createWorkspace(db, [[oscar, 'OWNER']], 'Other desk');
    privateSlug = await createDocument(db, desk.id, { text: memo('Officials counted the volunteers twice.[1]', 'A claim with a source.[2]') });
    publicSlug = await createDocument(db, desk.id, { isPublic: true, text: memo('Recruiters travelled through the valley.[1]', 'Another claim with a source.[2]') });
    otherSlug = await createDocument(db, other.id, { text: memo('The trebuchet figures come from one report.[1]', 'Nothing else here.[2]') });

    ids.alicePrivate = await annotate(alice, privateSlug, 'counted the volunteers', { body: 'My hunch: a marmalade of numbers.', visibility: 'PRIVATE' });
    ids.alicePrivateOnPublic = await annotate(alice, publicSlug, 'travelled through', { body: 'Marmalade again, privately.', visibility: 'PRIVATE' });
    ids.bobShared = await annotate(bob, privateSlug, 'A claim with a source.', { body: 'The zeppelin count looks wrong.' });
    ids.bobSharedOnPublic = await annotate(bob, publicSlug, 'Another claim', { body: 'A gondola of doubts, shared with the desk.' });
    ids.oscarShared = await annotate(oscar, otherSlug, 'trebuchet figures', { body: 'Which catapult report?' });
    ids.oscarPrivate = await annotate(oscar, otherSlug, 'one report', { body: 'Private catapult musing.', visibility: 'PRIVATE' });
  });

  it('a private annotation is found by its author only, never by teammates, outsiders or visitors', async () => {
    expect(idsOf(await search(alice, 'marmalade'))).toEqual([ids.alicePrivate, ids.alicePrivateOnPublic].sort());
    for (const other of [bob, vera, oscar, null]) expect(await search(other, 'marmalade')).toEqual([]);
  });

  it('a shared annotation is found by every member, viewers included, and by no one else', async () => {
    for (const member of [alice, bob, vera]) expect(idsOf(await search(member, 'zeppelin'))).toEqual([ids.bobShared]);
    expect(await search(oscar, 'zeppelin')).toEqual([]);
    expect(await search(null, 'zeppelin')).toEqual([]);
  });

  it('a shared comment on a public document stays within its workspace, though the text is public', async () => {
    for (const member of [alice, bob, vera]) expect(idsOf(await search(member, 'gondola'))).toEqual([ids.bobSharedOnPublic]);
    expect(await search(oscar, 'gondola')).toEqual([]);
    expect(await search(null, 'gondola')).toEqual([]);
    // The public text itself is found by everyone.
    for (const anyone of [alice, oscar, null]) expect((await search(anyone, 'recruiters')).map((result) => result.kind)).toEqual(['paragraph']);
  });

  it('another workspace’s private document never shows up, neither its text nor its annotations', async () => {
    for (const outsider of [alice, bob, vera, null]) {
      expect(await search(outsider, 'trebuchet')).toEqual([]);
      expect(await search(outsider, 'catapult')).toEqual([]);
    }
    expect((await search(oscar, 'trebuchet')).map((result) => result.href)).toEqual([`/documents/${otherSlug}#p-1`]);
    expect(idsOf(await search(oscar, 'catapult'))).toEqual([ids.oscarShared, ids.oscarPrivate].sort());
  });

  it('searching within one document finds only what is in that document', async () => {
    expect(idsOf(await search(alice, 'marmalade', { documentSlug: publicSlug }))).toEqual([ids.alicePrivateOnPublic]);
    expect(await search(alice, 'marmalade', { documentSlug: otherSlug })).toEqual([]);
  });
});

describe('what search finds', () => {
  let lena: Viewer;
  let marat: Viewer;
  let slug: string;
  let sectionSlug: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { db } = database;
    lena = await createUser(db, 'Lena Quokkaton');
    marat = await createUser(db, 'Marat');
    const desk = await createWorkspace(db, [
      [lena, 'COMMENTER'],
      [marat, 'COMMENTER'],
    ]);
    slug = await createDocument(db, desk.id, {
      text: memo('The quokka census counted two thousand animals.[1]', 'Rangers doubted the tally.[2] Wardens agreed with them.', 'Field notes'),
    });
    sectionSlug = (await latestVersionOf(slug)).sections[0]!.slug;
    ids.quokka = await annotate(lena, slug, 'census counted', { body: 'Who ran this quokka count?' });
    ids.statistic = await annotate(lena, slug, 'two thousand animals', { body: 'Rangers overcount wombats.', tags: ['statistic'] });
    ids.claim = await annotate(marat, slug, 'Rangers doubted the tally.', { body: 'Wombats are hard to count.', tags: ['claim'] });
    ids.reply = await reply(marat, ids.statistic, 'The ocelot survey disagrees.');
    ids.discussion = await discuss(lena, slug, sectionSlug, 'Ocelot sightings belong in this section.');
  });

  it('a word in one paragraph and one annotation returns both, linked to their places, with the word marked', async () => {
    const results = await search(marat, 'quokka');
    expect(results.map((result) => [result.kind, result.href]).sort()).toEqual([
      ['annotation', `/documents/${slug}#annotation-${ids.quokka}`],
      ['paragraph', `/documents/${slug}#p-1`],
    ]);
    for (const result of results) expect(matchedWords(result)).toContain('quokka');
    expect(results.find((result) => result.kind === 'annotation')?.author).toBe('Lena Quokkaton');
  });

  it('tag: keeps only annotations whose thread carries the tag', async () => {
    expect(idsOf(await search(marat, 'wombats'))).toEqual([ids.statistic, ids.claim].sort());
    expect(idsOf(await search(marat, 'wombats tag:statistic'))).toEqual([ids.statistic]);
    expect(idsOf(await search(marat, 'wombats tag:Claim'))).toEqual([ids.claim]);
    expect(await search(marat, 'wombats tag:prediction')).toEqual([]);
    // A reply belongs to its thread's tags; a section discussion has none.
    expect(idsOf(await search(marat, 'ocelot tag:statistic'))).toEqual([ids.reply]);
  });

  it('with no words, shows the newest of what the operators keep, newest first, however many match', async () => {
    const root = await annotate(marat, slug, 'Wardens agreed with them.', { body: 'Bulk thread', tags: ['bulk'] });
    const { documentId, versionId } = (await database.db.annotation.findUniqueOrThrow({ where: { id: root }, select: { documentId: true, versionId: true } }));
    // More replies than search ranks candidates, a second apart, written straight into the database.
    const start = Date.now() + 60_000;
    const replies = Array.from({ length: 320 }, (_, index) => ({ id: randomUUID(), createdAt: new Date(start + index * 1000) }));
    await database.db.annotation.createMany({
      data: replies.map(({ id, createdAt }) => ({ id, documentId, versionId, authorId: marat.id, body: 'More', motivation: 'REPLYING' as const, visibility: 'WORKSPACE' as const, parentId: root, rootId: root, createdAt, updatedAt: createdAt })),
    });
    const newest = replies.slice(-30).reverse().map((reply) => reply.id);
    expect((await search(marat, 'tag:bulk')).map((result) => result.id)).toEqual(newest);
  });

  it('user: keeps only annotations by that person, and operators leave out the document text', async () => {
    expect(idsOf(await search(lena, 'wombats user:marat'))).toEqual([ids.claim]);
    expect(idsOf(await search(lena, 'wombats user:Lena'))).toEqual([ids.statistic]);
    // Lena's name contains "quokka" but the operator narrows to annotations: no paragraph result.
    expect((await search(marat, 'quokka user:lena')).map((result) => result.kind)).toEqual(['annotation']);
  });

  it('quote: keeps only annotations on a passage containing those words', async () => {
    expect(idsOf(await search(lena, 'quote:"doubted the tally"'))).toEqual([ids.claim]);
    expect(idsOf(await search(lena, 'wombats quote:"thousand animals"'))).toEqual([ids.statistic]);
    expect(await search(lena, 'wombats quote:"wardens"')).toEqual([]);
  });

  it('replies and section discussions are found, each said to be what it is', async () => {
    const results = await search(lena, 'ocelot');
    expect(results.map((result) => [result.kind, result.id]).sort()).toEqual(
      [
        ['discussion', ids.discussion],
        ['reply', ids.reply],
      ].sort(),
    );
    for (const result of results) expect(matchedWords(result)).toContain('ocelot');
  });

  it('user: with % or _ matches no one rather than everyone', async () => {
    expect(await search(lena, 'wombats user:%')).toEqual([]);
    expect(await search(lena, 'wombats user:_')).toEqual([]);
  });

  it('finds accented words as typed', async () => {
    const id = await annotate(lena, slug, 'Wardens agreed', { body: 'Les émigrés arrivèrent plus tard.' });
    expect(idsOf(await search(marat, 'émigrés'))).toEqual([id]);
  });
});

describe('hostile queries', () => {
  let member: Viewer;
  const HOSTILE = [
    '"',
    '"unbalanced quote',
    '""',
    '-',
    '--',
    '- -word',
    'OR',
    'or OR or',
    ':',
    'tag:',
    'tag:"',
    'user:',
    'quote:',
    'quote:"',
    'tag:: user:: quote::',
    '\\',
    '\\\\" \\',
    '%',
    '_',
    '%_%',
    'émigrés',
    '🙂',
    '👩🏽‍🔬 🏳️‍🌈',
    `'; DROP TABLE "User"; --`,
    "' OR 1=1 --",
    '$1 $$ $body$',
    '!()&|<->:*',
    'a'.repeat(500),
    '\u0000\u0001\u007f',
    '\uE000\uE001',
    '\uD800 lone surrogate',
  ];

  beforeAll(async () => {
    const { db } = database;
    member = await createUser(db, 'Hostile Tester');
    const desk = await createWorkspace(db, [[member, 'COMMENTER']]);
    const slug = await createDocument(db, desk.id);
    await annotate(member, slug, 'A claim with a source.', { body: 'A comment so there is something to search.' });
  });

  it.each(HOSTILE)('searching for %j answers normally, signed in or not', async (query) => {
    expect(await outcomeOf(() => searchEverything(member, query))).toBe('ok');
    expect(await outcomeOf(() => searchEverything(null, query))).toBe('ok');
  });

  it('SQL in a query is searched for, not run', async () => {
    const users = await database.db.user.count();
    await searchEverything(member, `'; DROP TABLE "User"; --`);
    await searchEverything(member, `user:'); DROP TABLE "User"; -- tag:'); DELETE FROM "Tag"; --`);
    expect(await database.db.user.count()).toBe(users);
  });

  it('a 10,000-character query is refused with a message saying how long a query may be', async () => {
    const failure = await failureOf(() => searchEverything(member, 'x'.repeat(10_000)));
    expect(failure.code).toBe('INVALID_INPUT');
    expect(failure.message).toMatch(/500/);
  });

  it('any query of up to 500 characters gets an answer', async () => {
    const fragments = fc.constantFrom('"', '-', 'OR', ':', 'tag:', 'user:', 'quote:', '\\', '%', '_', "'", ';', '(', ')', '&', '|', '!', '<->', '*', 'émigré', '🙂', ' ', 'comment', 'search');
    const queries = fc
      .oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 500 }), fc.array(fragments, { maxLength: 60 }).map((parts) => parts.join('')))
      .filter((query) => query.length <= 500);
    await fc.assert(
      fc.asyncProperty(queries, fc.boolean(), async (query, isSignedIn) => {
        const response = await searchEverything(isSignedIn ? member : null, query);
        expect(Array.isArray(response.results)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe('search over many annotations', () => {
  const COMMON = 4_995;
  let reader: Viewer;
  let outsider: Viewer;
  let rareIds: string[];
  let outsiderNoteId: string;

  beforeAll(async () => {
    const { db } = database;
    reader = await createUser(db, 'Bulk Reader');
    outsider = await createUser(db, 'Bulk Outsider');
    const desk = await createWorkspace(db, [[reader, 'COMMENTER']]);
    const otherDesk = await createWorkspace(db, [[outsider, 'OWNER']]);
    const slug = await createDocument(db, desk.id, { isPublic: true });
    const version = await latestVersionOf(slug);
    const quote = 'A claim with a source.';
    const { start, end } = rangeOf(version.text, quote);
    const selectors = { quote: { type: 'TextQuoteSelector', exact: quote, prefix: 'First section\n\n', suffix: '[2]\n' }, position: { type: 'TextPositionSelector', start, end } };
    rareIds = Array.from({ length: 5 }, () => randomUUID());
    const rows = [
      ...Array.from({ length: COMMON }, (_, index) => ({ id: randomUUID(), body: `Inflated figures, inflated again: note ${index} on the usual suspects.` })),
      ...rareIds.map((id) => ({ id, body: 'A quixotry of sources, frankly.' })),
    ];
    await db.annotation.createMany({
      data: rows.map((row) => ({
        ...row,
        documentId: version.documentId,
        versionId: version.id,
        authorId: reader.id,
        selectors,
        anchorStart: start,
        anchorEnd: end,
        motivation: 'COMMENTING' as const,
        visibility: 'WORKSPACE' as const,
      })),
    });
    const otherSlug = await createDocument(db, otherDesk.id);
    outsiderNoteId = await annotate(outsider, otherSlug, 'A claim with a source.', { body: 'Looks inflated to me.', visibility: 'PRIVATE' });
    await db.$executeRawUnsafe('ANALYZE "Annotation"');
  });

  it('finds the few annotations with a rare word among 5,000', async () => {
    const results = await search(reader, 'quixotry');
    expect(idsOf(results)).toEqual([...rareIds].sort());
    expect(results.every((result) => result.kind === 'annotation' && matchedWords(result).includes('quixotry'))).toBe(true);
  });

  it('the body search uses the full-text index rather than reading every annotation', async () => {
    const plan = await database.db.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
      `EXPLAIN SELECT a.id FROM "Annotation" a WHERE a."bodySearch" @@ websearch_to_tsquery('english', 'quixotry')`,
    );
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('Annotation_bodySearch_idx');
  });

  it('the search’s own WHERE clause, with its parameters, still uses the full-text index', async () => {
    const documentIds = (await database.db.document.findMany({ select: { id: true } })).map((document) => document.id);
    const plan = await database.db.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
      `EXPLAIN SELECT a.id FROM "Annotation" a JOIN "User" u ON u.id = a."authorId"
       WHERE a."documentId" = ANY($1::uuid[]) AND a."deletedAt" IS NULL AND a."hiddenAt" IS NULL
         AND (a."authorId" = $2::uuid OR a.visibility = 'WORKSPACE')
         AND ($3::text = '' OR a."bodySearch" @@ websearch_to_tsquery('english', $3::text))`,
      documentIds,
      reader.id,
      'quixotry',
    );
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('Annotation_bodySearch_idx');
  });

  it('a reader’s own note is found even when a public document of another team has thousands of matching comments', async () => {
    // The 4,995 shared comments on the public document match "inflated" (twice each, so they rank higher),
    // and none of them may be seen by the outsider; their own private note must still be found.
    expect(idsOf(await search(outsider, 'looks inflated'))).toEqual([outsiderNoteId]);
    expect(idsOf(await search(outsider, 'inflated'))).toEqual([outsiderNoteId]);
  });
});

describe('the tag vocabulary', () => {
  type Actor = 'owner' | 'editor' | 'commenter' | 'viewer' | 'outsider' | 'visitor';
  const ACTORS: Actor[] = ['owner', 'editor', 'commenter', 'viewer', 'outsider', 'visitor'];
  const EXPECTED: Record<Actor, string> = { owner: 'ok', editor: 'ok', commenter: 'FORBIDDEN', viewer: 'FORBIDDEN', outsider: 'NOT_FOUND', visitor: 'UNAUTHENTICATED' };
  let people: Record<Exclude<Actor, 'visitor'>, Viewer>;
  const viewerOf = (actor: Actor): Viewer | null => (actor === 'visitor' ? null : people[actor]);

  /** A workspace made as a person makes one, with its members and a document. */
  async function tagDesk(): Promise<{ slug: string; id: string; documentSlug: string }> {
    const { db } = database;
    const { slug } = await createWorkspaceAsMember(people.owner, { name: 'Tag desk' });
    const { id } = await db.workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    await db.membership.createMany({
      data: [
        { workspaceId: id, userId: people.editor.id, role: 'EDITOR' },
        { workspaceId: id, userId: people.commenter.id, role: 'COMMENTER' },
        { workspaceId: id, userId: people.viewer.id, role: 'VIEWER' },
      ],
    });
    const documentSlug = await createDocument(db, id, { text: memo('Officials counted the volunteers twice.[1] Nobody checked.', 'A claim with a source.[2]') });
    return { slug, id, documentSlug };
  }

  const tagId = async (workspaceId: string, name: string) => (await database.db.tag.findUniqueOrThrow({ where: { workspaceId_name: { workspaceId, name } } })).id;
  const tagsOn = async (viewer: Viewer, documentSlug: string, id: string) => (await viewsOf(viewer, documentSlug)).find((view) => view.id === id)?.tags.map((tag) => tag.label);

  beforeAll(async () => {
    const { db } = database;
    people = {
      owner: await createUser(db, 'Tag Owner'),
      editor: await createUser(db, 'Tag Editor'),
      commenter: await createUser(db, 'Tag Commenter'),
      viewer: await createUser(db, 'Tag Viewer'),
      outsider: await createUser(db, 'Tag Outsider'),
    };
    await createWorkspaceAsMember(people.outsider, { name: 'Outsider desk' });
  });

  it('a new workspace starts with the claim-work vocabulary', async () => {
    const desk = await tagDesk();
    const { tags, canEdit } = await findWorkspaceTags(people.owner, desk.slug);
    expect(tags.map((tag) => tag.name).sort()).toEqual(['actor', 'claim', 'disputed', 'needs-source', 'prediction', 'statistic']);
    expect(tags.every((tag) => tag.count === 0 && tag.description.length > 0)).toBe(true);
    expect(canEdit).toBe(true);
    expect((await findWorkspaceTags(people.commenter, desk.slug)).canEdit).toBe(false);
    expect(await outcomeOf(() => findWorkspaceTags(people.outsider, desk.slug))).toBe('NOT_FOUND');
  });

  it('renaming a tag relabels every annotation carrying it', async () => {
    const desk = await tagDesk();
    const first = await annotate(people.commenter, desk.documentSlug, 'counted the volunteers', { body: 'How many?', tags: ['statistic'] });
    const second = await annotate(people.editor, desk.documentSlug, 'A claim with a source.', { body: 'Check.', tags: ['statistic', 'claim'] });
    await updateTag(people.editor, desk.slug, await tagId(desk.id, 'statistic'), { label: 'Figure', colour: '#336699', description: 'A number.' });
    expect(await tagsOn(people.viewer, desk.documentSlug, first)).toEqual(['Figure']);
    expect((await tagsOn(people.viewer, desk.documentSlug, second))?.sort()).toEqual(['Figure', 'claim']);
    expect((await findWorkspaceTags(people.viewer, desk.slug)).tags.find((tag) => tag.name === 'figure')).toMatchObject({ label: 'Figure', colour: '#336699', count: 2 });
  });

  it('renaming a tag onto a name the vocabulary has offers to merge into that tag', async () => {
    const desk = await tagDesk();
    const statistic = await tagId(desk.id, 'statistic');
    const claim = await tagId(desk.id, 'claim');
    const conflict = await failureOf(() => updateTag(people.editor, desk.slug, statistic, { label: ' CLAIM ', colour: '#336699' }));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.fieldErrors?.label?.[0]).toBe(`merge:${claim}`);
    expect((await database.db.tag.findUniqueOrThrow({ where: { id: statistic } })).label).toBe('statistic');
  });

  it('merging moves every annotation to the surviving tag, once each, and removes the merged tag', async () => {
    const desk = await tagDesk();
    const onlyStatistic = await annotate(people.commenter, desk.documentSlug, 'counted the volunteers', { body: 'How many?', tags: ['statistic'] });
    const onlyClaim = await annotate(people.commenter, desk.documentSlug, 'Nobody checked.', { body: 'Really?', tags: ['claim'] });
    const both = await annotate(people.editor, desk.documentSlug, 'A claim with a source.', { body: 'Both.', tags: ['statistic', 'claim'] });
    const statistic = await tagId(desk.id, 'statistic');
    const claim = await tagId(desk.id, 'claim');
    await mergeTags(people.owner, desk.slug, statistic, claim);
    for (const id of [onlyStatistic, onlyClaim, both]) expect(await tagsOn(people.commenter, desk.documentSlug, id)).toEqual(['claim']);
    expect(await database.db.tag.findUnique({ where: { id: statistic } })).toBeNull();
    expect(await database.db.annotationTag.count({ where: { annotationId: both } })).toBe(1);
    expect((await findWorkspaceTags(people.owner, desk.slug)).tags.find((tag) => tag.name === 'claim')?.count).toBe(3);
  });

  it('merging a tag with a tag of another workspace is refused as not found', async () => {
    const desk = await tagDesk();
    const otherDesk = await tagDesk();
    const ours = await tagId(desk.id, 'claim');
    const theirs = await tagId(otherDesk.id, 'claim');
    expect(await outcomeOf(() => mergeTags(people.owner, desk.slug, ours, theirs))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => mergeTags(people.owner, desk.slug, theirs, ours))).toBe('NOT_FOUND');
    expect(await database.db.tag.count({ where: { id: { in: [ours, theirs] } } })).toBe(2);
  });

  describe('who may change the vocabulary', () => {
    let desk: { slug: string; id: string; documentSlug: string };
    beforeAll(async () => {
      desk = await tagDesk();
    });

    it.each(ACTORS)('%s may rename a tag only as an editor or owner', async (actor) => {
      const tag = await database.db.tag.create({ data: { workspaceId: desk.id, name: `rename-${actor}`, label: `rename-${actor}`, colour: '#123456' } });
      expect(await outcomeOf(() => updateTag(viewerOf(actor), desk.slug, tag.id, { label: `renamed-${actor}`, colour: '#654321' }))).toBe(EXPECTED[actor]);
      expect((await database.db.tag.findUniqueOrThrow({ where: { id: tag.id } })).name).toBe(EXPECTED[actor] === 'ok' ? `renamed-${actor}` : `rename-${actor}`);
    });

    it.each(ACTORS)('%s may merge tags only as an editor or owner', async (actor) => {
      const from = await database.db.tag.create({ data: { workspaceId: desk.id, name: `from-${actor}`, label: `from-${actor}`, colour: '#123456' } });
      const into = await database.db.tag.create({ data: { workspaceId: desk.id, name: `into-${actor}`, label: `into-${actor}`, colour: '#123456' } });
      expect(await outcomeOf(() => mergeTags(viewerOf(actor), desk.slug, from.id, into.id))).toBe(EXPECTED[actor]);
      expect(await database.db.tag.count({ where: { id: from.id } })).toBe(EXPECTED[actor] === 'ok' ? 0 : 1);
    });
  });

  it('a tag’s page lists only the annotations the viewer may see', async () => {
    const desk = await tagDesk();
    const shared = await annotate(people.commenter, desk.documentSlug, 'counted the volunteers', { body: 'Shared claim.', tags: ['claim'] });
    const privateNote = await annotate(people.commenter, desk.documentSlug, 'Nobody checked.', { body: 'Private claim.', tags: ['claim'], visibility: 'PRIVATE' });
    const otherDesk = await tagDesk();
    await annotate(people.commenter, otherDesk.documentSlug, 'counted the volunteers', { body: 'Elsewhere.', tags: ['claim'] });
    const ofAuthor = await findTaggedAnnotations(people.commenter, desk.slug, 'Claim');
    expect(ofAuthor.annotations.map((annotation) => annotation.id).sort()).toEqual([shared, privateNote].sort());
    for (const teammate of [people.owner, people.editor, people.viewer]) {
      const listed = await findTaggedAnnotations(teammate, desk.slug, 'claim');
      expect(listed.annotations.map((annotation) => annotation.id)).toEqual([shared]);
      expect(listed.annotations[0]).toMatchObject({ quote: 'counted the volunteers', excerpt: 'Shared claim.', author: 'Tag Commenter', documentSlug: desk.documentSlug });
      expect(listed.tag.count).toBe(1);
    }
    expect(await outcomeOf(() => findTaggedAnnotations(people.outsider, desk.slug, 'claim'))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => findTaggedAnnotations(null, desk.slug, 'claim'))).toBe('UNAUTHENTICATED');
    expect(await outcomeOf(() => findTaggedAnnotations(people.owner, desk.slug, 'no-such-tag'))).toBe('NOT_FOUND');
  });
});

describe('section discussions', () => {
  let commenter: Viewer;
  let owner: Viewer;
  let viewer: Viewer;
  let outsider: Viewer;
  let slug: string;
  let sectionSlug: string;

  beforeAll(async () => {
    const { db } = database;
    owner = await createUser(db, 'Section Owner');
    commenter = await createUser(db, 'Section Commenter');
    viewer = await createUser(db, 'Section Viewer');
    outsider = await createUser(db, 'Section Outsider');
    const desk = await createWorkspace(db, [
      [owner, 'OWNER'],
      [commenter, 'COMMENTER'],
      [viewer, 'VIEWER'],
    ]);
    await createWorkspace(db, [[outsider, 'OWNER']]);
    slug = await createDocument(db, desk.id, { text: memo('The lead.[1]', 'A claim with a source.[2]', 'Recruitment routes') });
    sectionSlug = (await latestVersionOf(slug)).sections[0]!.slug;
  });

  it('a comment on a section starts a thread on that section that others can reply to and resolve', async () => {
    expect(sectionSlug).toBe('recruitment-routes');
    const root = await discuss(commenter, slug, sectionSlug, 'Is this section sourced at all?');
    const answer = await reply(owner, root, 'Only note 2.');
    const seen = await viewsOf(viewer, slug);
    expect(seen.find((view) => view.id === root)).toMatchObject({ target: 'section', sectionSlug, quote: null, body: 'Is this section sourced at all?', status: 'OPEN', authorName: 'Section Commenter' });
    expect(seen.find((view) => view.id === answer)).toMatchObject({ parentId: root, rootId: root, body: 'Only note 2.' });
    await resolveThread(owner, root, { isResolved: true, note: 'Settled.' });
    expect((await viewsOf(commenter, slug)).find((view) => view.id === root)).toMatchObject({ status: 'RESOLVED', resolvedBy: 'Section Owner', resolutionNote: 'Settled.' });
  });

  it('a comment on a section the document does not have is refused as not found', async () => {
    expect(await outcomeOf(() => discuss(commenter, slug, 'no-such-section', 'Hello?'))).toBe('NOT_FOUND');
  });

  it('a viewer may keep a private note on a section but not share one with the workspace', async () => {
    const note = await discuss(viewer, slug, sectionSlug, 'My own reminder.', 'PRIVATE');
    expect((await viewsOf(viewer, slug)).find((view) => view.id === note)).toMatchObject({ target: 'section', visibility: 'PRIVATE' });
    expect((await viewsOf(owner, slug)).some((view) => view.id === note)).toBe(false);
    const failure = await failureOf(() => discuss(viewer, slug, sectionSlug, 'For everyone.', 'WORKSPACE'));
    expect(failure.code).toBe('FORBIDDEN');
    expect(failure.fieldErrors?.visibility).toHaveLength(1);
    expect(await database.db.annotation.count({ where: { body: 'For everyone.' } })).toBe(0);
  });

  it('outsiders and visitors cannot comment on a private document’s sections', async () => {
    expect(await outcomeOf(() => discuss(outsider, slug, sectionSlug, 'Let me in.', 'PRIVATE'))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => discuss(null, slug, sectionSlug, 'Anonymous.', 'PRIVATE'))).toBe('UNAUTHENTICATED');
  });
});

describe('filtering the annotations of a document', () => {
  let commenter: Viewer;
  let other: Viewer;
  let slug: string;
  const ids: Record<string, string> = {};

  const filtered = async (filter: AnnotationFilter) => {
    const document = await getReaderDocument(commenter, slug, filter, null, { listRequest: { kind: 'all' } });
    const highlights = await getReaderHighlights(commenter, slug, filter);
    if (!document || !highlights) throw new Error('document not readable');
    return { ids: listedIds(document), highlights: [...new Set(highlights.map(([id]) => id))].sort() };
  };

  beforeAll(async () => {
    const { db } = database;
    commenter = await createUser(db, 'Filter Commenter');
    other = await createUser(db, 'Filter Other');
    const desk = await createWorkspace(db, [
      [commenter, 'COMMENTER'],
      [other, 'COMMENTER'],
    ]);
    slug = await createDocument(db, desk.id, {
      text: memo('Officials counted 4,000 fighters in 2015.[1] Nobody checked the count.', 'Recruiters crossed the border twice.[2] The rest stayed home.'),
    });
    ids.statistic = await annotate(commenter, slug, 'counted 4,000 fighters', { body: 'Which year?', tags: ['statistic'] });
    ids.statisticReply = await reply(other, ids.statistic, 'The 2015 report.');
    ids.claim = await annotate(other, slug, 'Nobody checked', { body: 'Did anyone?', tags: ['claim'] });
    ids.border = await annotate(other, slug, 'crossed the border', { body: 'Which border?' });
    ids.home = await annotate(commenter, slug, 'stayed home', { body: 'How many stayed?' });
    await resolveThread(commenter, ids.border, { isResolved: true });
  });

  it('without a filter every thread and highlight shows', async () => {
    const all = await filtered({});
    expect(all.ids).toEqual(Object.values(ids).sort());
    expect(all.highlights).toEqual([ids.statistic, ids.claim, ids.border, ids.home].sort());
  });

  it('a tag filter keeps the threads that carry the tag, their replies, and only their highlights', async () => {
    expect(await filtered({ tag: 'statistic' })).toEqual({ ids: [ids.statistic, ids.statisticReply].sort(), highlights: [ids.statistic] });
  });

  it('a status filter keeps resolved or open threads', async () => {
    expect(await filtered({ status: 'RESOLVED' })).toEqual({ ids: [ids.border], highlights: [ids.border] });
    expect((await filtered({ status: 'OPEN' })).highlights).toEqual([ids.statistic, ids.claim, ids.home].sort());
  });

  it('an author filter keeps the threads that person started', async () => {
    expect(await filtered({ author: 'Filter Other' })).toEqual({ ids: [ids.claim, ids.border].sort(), highlights: [ids.claim, ids.border].sort() });
  });

  it('a footnote filter keeps annotations on the sentence that cites the note', async () => {
    expect(await filtered({ footnote: 2 })).toEqual({ ids: [ids.border], highlights: [ids.border] });
    expect(await filtered({ footnote: 1 })).toEqual({ ids: [ids.statistic, ids.statisticReply].sort(), highlights: [ids.statistic] });
    expect(await filtered({ footnote: 9 })).toEqual({ ids: [], highlights: [] });
  });

  it('filters combine: a tag no thread has with a status shows nothing', async () => {
    expect(await filtered({ tag: 'statistic', status: 'RESOLVED' })).toEqual({ ids: [], highlights: [] });
  });
});

describe('the workspace activity feed', () => {
  let author: Viewer;
  let teammate: Viewer;
  let outsider: Viewer;
  let workspaceSlug: string;
  let slug: string;

  beforeAll(async () => {
    const { db } = database;
    author = await createUser(db, 'Feed Author');
    teammate = await createUser(db, 'Feed Teammate');
    outsider = await createUser(db, 'Feed Outsider');
    const desk = await createWorkspace(db, [
      [author, 'COMMENTER'],
      [teammate, 'VIEWER'],
    ]);
    await createWorkspace(db, [[outsider, 'OWNER']]);
    workspaceSlug = desk.slug;
    slug = await createDocument(db, desk.id);
  });

  it('shows a member’s shared annotation to teammates but keeps their private note to themselves', async () => {
    const shared = await annotate(author, slug, 'A claim with a source.', { body: 'Shared observation.' });
    const privateNote = await annotate(author, slug, 'Its lead paragraph.', { body: 'Private musing.', visibility: 'PRIVATE' });
    const ofTeammate = await findWorkspaceActivity(teammate, workspaceSlug);
    expect(ofTeammate.entries.map((entry) => entry.excerpt)).toEqual(['Shared observation.']);
    expect(ofTeammate.entries[0]).toMatchObject({ kind: 'annotation.created', actor: 'Feed Author', href: `/documents/${slug}#annotation-${shared}` });
    expect(ofTeammate.entries.some((entry) => entry.href?.includes(privateNote))).toBe(false);
    const ofAuthor = await findWorkspaceActivity(author, workspaceSlug);
    expect(ofAuthor.entries.map((entry) => entry.excerpt)).toEqual(['Private musing.', 'Shared observation.']);
  });

  it('is not found for someone outside the workspace, and asks a visitor to sign in', async () => {
    expect(await outcomeOf(() => findWorkspaceActivity(outsider, workspaceSlug))).toBe('NOT_FOUND');
    expect(await outcomeOf(() => findWorkspaceActivity(null, workspaceSlug))).toBe('UNAUTHENTICATED');
  });

  it('a document visit remembers since when things are new, and only for someone who may read it', async () => {
    expect(await recordDocumentVisit(teammate, slug)).toBeNull();
    const since = await recordDocumentVisit(teammate, slug);
    expect(since).toBeInstanceOf(Date);
    expect(await recordDocumentVisit(teammate, slug)).toEqual(since);
    expect(await recordDocumentVisit(outsider, slug)).toBeNull();
    expect(await recordDocumentVisit(null, slug)).toBeNull();
    expect(await database.db.documentVisit.count({ where: { userId: outsider.id } })).toBe(0);
  });

  it('records a first visit from several tabs at once without failing any of them', async () => {
    const reader = await createUser(database.db, 'Tabs');
    await database.db.membership.create({ data: { workspaceId: (await database.db.workspace.findUniqueOrThrow({ where: { slug: workspaceSlug }, select: { id: true } })).id, userId: reader.id, role: 'VIEWER' } });
    const visits = await Promise.all(Array.from({ length: 8 }, () => recordDocumentVisit(reader, slug)));
    expect(visits.filter((since) => since === null).length).toBeGreaterThanOrEqual(1);
    expect(await database.db.documentVisit.count({ where: { userId: reader.id } })).toBe(1);
  });
});
