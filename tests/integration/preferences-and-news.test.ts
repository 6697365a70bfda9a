import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkspaceActivity, recordDocumentVisit, recordFeedVisit } from '@/lib/dal/activity-feed';
import { createAnnotation } from '@/lib/dal/annotations';
import { getViewerPreferences, updateColourScheme, updateSingleKeyShortcuts } from '@/lib/dal/preferences';
import { getWorkspaceDetail } from '@/lib/dal/workspaces';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, createUser, type Team } from '@/tests/helpers/factories';
import { outcomeOf } from '@/tests/helpers/outcome';

const TEXT = 'A news memo\n\nIts lead paragraph.\n\n\nFirst section\n\nAbout 4,000 fighters left for Syria.\n';

let database: TestDatabase;
let team: Team;
let slug: string;

beforeAll(async () => {
  database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  team = await createTeam(database.db);
  slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
}, 300_000);

afterAll(async () => {
  await database?.drop();
});

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

async function annotateAs(person: Team['people']['commenter'], visibility: 'WORKSPACE' | 'PRIVATE', body: string): Promise<string> {
  const { id } = await createAnnotation(person, slug, { id: randomUUID(), versionNumber: 1, start: 33, end: 44, body, visibility });
  return id;
}

describe('new since the last visit', () => {
  it('marks in the feed only what others did after the viewer’s previous visit to it, and nothing on a first visit', async () => {
    const { owner, commenter } = team.people;
    await annotateAs(owner, 'WORKSPACE', 'Before any visit');
    expect(await recordFeedVisit(owner, team.workspace.slug)).toBeNull();
    await pause();
    await annotateAs(commenter, 'WORKSPACE', 'After the first visit');
    await annotateAs(owner, 'WORKSPACE', 'The owner’s own, after the first visit');
    await annotateAs(commenter, 'PRIVATE', 'The commenter’s private note');
    const since = await recordFeedVisit(owner, team.workspace.slug);
    expect(since).not.toBeNull();
    const feed = await findWorkspaceActivity(owner, team.workspace.slug, { newSince: since });
    expect(feed.entries.filter((entry) => entry.isNew).map((entry) => `${entry.actor} ${entry.kind}`)).toEqual(['Commenter annotation.created']);
    expect(feed.entries.some((entry) => entry.excerpt === 'The commenter’s private note')).toBe(false);
  });

  it('records no feed visit for a member of another workspace or a visitor', async () => {
    expect(await recordFeedVisit(team.people.outsider, team.workspace.slug)).toBeNull();
    expect(await recordFeedVisit(null, team.workspace.slug)).toBeNull();
    expect(await database.db.feedVisit.count({ where: { userId: team.people.outsider.id } })).toBe(0);
  });

  it('counts on the workspace page the annotations others shared since the viewer last opened each document', async () => {
    const { editor, commenter } = team.people;
    const before = await getWorkspaceDetail(editor, team.workspace.slug);
    expect(before.documents.find((document) => document.slug === slug)?.newSinceLastVisit).toBeNull();
    await recordDocumentVisit(editor, slug);
    await pause();
    await annotateAs(commenter, 'WORKSPACE', 'Shared after the editor looked');
    await annotateAs(commenter, 'PRIVATE', 'Private after the editor looked');
    await annotateAs(editor, 'WORKSPACE', 'The editor’s own');
    const after = await getWorkspaceDetail(editor, team.workspace.slug);
    expect(after.documents.find((document) => document.slug === slug)?.newSinceLastVisit).toBe(1);
  });
});

describe('preferences', () => {
  it('keeps a person’s colour scheme and shortcut setting on their account, and only theirs', async () => {
    const person = await createUser(database.db, 'Chooser');
    expect(await getViewerPreferences(person)).toEqual({ colourScheme: 'SYSTEM', hasSingleKeyShortcuts: true, highlightColouring: 'TAG' });
    expect(await updateColourScheme(person, 'DARK')).toBe('DARK');
    expect(await updateSingleKeyShortcuts(person, 'off')).toBe(false);
    const stored = await database.db.user.findUniqueOrThrow({ where: { id: person.id }, select: { colourScheme: true, hasSingleKeyShortcuts: true } });
    expect(stored).toEqual({ colourScheme: 'DARK', hasSingleKeyShortcuts: false });
    const someoneElse = await database.db.user.findUniqueOrThrow({ where: { id: team.people.owner.id }, select: { colourScheme: true, hasSingleKeyShortcuts: true } });
    expect(someoneElse).toEqual({ colourScheme: 'SYSTEM', hasSingleKeyShortcuts: true });
  });

  it('refuses a scheme that does not exist and a visitor’s shortcut setting', async () => {
    const person = await createUser(database.db, 'Typo');
    expect(await outcomeOf(() => updateColourScheme(person, 'SEPIA'))).toBe('INVALID_INPUT');
    expect(await outcomeOf(() => updateSingleKeyShortcuts(person, 'maybe'))).toBe('INVALID_INPUT');
    expect(await outcomeOf(() => updateSingleKeyShortcuts(null, 'off'))).toBe('UNAUTHENTICATED');
    // A visitor's scheme lives in their cookie only: accepted, and nothing is stored.
    expect(await updateColourScheme(null, 'LIGHT')).toBe('LIGHT');
  });
});
