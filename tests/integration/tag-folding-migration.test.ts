import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '@/lib/migrate';
import { normalizeTagName } from '@/lib/domain/tags';
import { createEmptyDatabase } from '@/tests/helpers/database';

const FOLDING_MIGRATION = '20261203076000_tag_names_folded';

let database: { url: string; drop: () => Promise<void> };
let client: pg.Client;

beforeEach(async () => {
  database = await createEmptyDatabase();
  const migrations = await readMigrations();
  await applyMigrations(database.url, migrations.filter((migration) => migration.name < FOLDING_MIGRATION));
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterEach(async () => {
  await client.end();
  await database.drop();
});

/** The one row a statement returns. */
async function one<Row extends object>(sql: string, values: unknown[] = []): Promise<Row> {
  const { rows } = await client.query<Row>(sql, values);
  if (rows[0] === undefined) throw new Error(`No row from: ${sql}`);
  return rows[0];
}

/** Stores tags as the older rule (lower case, NFC) did, each on an annotation of its own, and returns their ids. */
async function storeOldTags(tags: { name: string; label: string; isShared?: boolean; rank?: number }[]) {
  const user = await one<{ id: string }>(`INSERT INTO "User" (email, name, "updatedAt") VALUES ('ana@example.org', 'Ana', now()) RETURNING id`);
  const workspace = await one<{ id: string }>(`INSERT INTO "Workspace" (slug, name) VALUES ('desk', 'Desk') RETURNING id`);
  const document = await one<{ id: string }>(
    `INSERT INTO "Document" ("workspaceId", slug, title, "updatedAt") VALUES ($1, 'paper', 'Paper', now()) RETURNING id`, [workspace.id]);
  const version = await one<{ id: string }>(
    `INSERT INTO "DocumentVersion" ("documentId", number, text, "contentHash") VALUES ($1, 1, 'Text', 'hash') RETURNING id`, [document.id]);
  const ids: string[] = [];
  for (const [index, tag] of tags.entries()) {
    const stored = await one<{ id: string }>(
      `INSERT INTO "Tag" ("workspaceId", name, label, colour, "isShared", "createdById", rank, "createdAt")
       VALUES ($1, $2, $3, '#336699', $4, $5, $6, now() + make_interval(secs => $7)) RETURNING id`,
      [workspace.id, tag.name, tag.label, tag.isShared ?? true, user.id, tag.rank ?? null, index]);
    const annotation = await one<{ id: string }>(
      `INSERT INTO "Annotation" (id, "documentId", "versionId", "authorId", motivation, visibility, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'COMMENTING', 'WORKSPACE', now()) RETURNING id`, [document.id, version.id, user.id]);
    await client.query(`INSERT INTO "AnnotationTag" ("annotationId", "tagId") VALUES ($1, $2)`, [annotation.id, stored.id]);
    ids.push(stored.id);
  }
  return ids;
}

async function finishMigrating() {
  await applyMigrations(database.url);
  const { rows } = await client.query<{ id: string; name: string; label: string; isShared: boolean; rank: number | null; uses: number }>(
    `SELECT t.id, t.name, t.label, t."isShared", t.rank, count(link."annotationId")::int AS uses
     FROM "Tag" t LEFT JOIN "AnnotationTag" link ON link."tagId" = t.id GROUP BY t.id ORDER BY t.name`);
  return rows;
}

describe('folding the stored tag names', () => {
  it('merges tags that differ only by compatibility forms, full case folding or invisible characters, keeping every use', async () => {
    const [plain, fullwidth, sharp, spelled, joined, spaced] = await storeOldTags([
      { name: 'actor:imu', label: 'actor:IMU' },
      { name: 'ａｃｔｏｒ:imu', label: 'ａｃｔｏｒ:IMU' },
      { name: 'straße', label: 'Straße', isShared: false },
      { name: 'strasse', label: 'Strasse', rank: 2 },
      { name: 'ab', label: 'ab' },
      { name: 'a\u200bb', label: 'a\u200bb' },
    ]);
    const tags = await finishMigrating();
    expect(tags).toEqual([
      { id: joined, name: 'ab', label: 'ab', isShared: true, rank: null, uses: 2 },
      { id: plain, name: 'actor:imu', label: 'actor:IMU', isShared: true, rank: null, uses: 2 },
      { id: spelled, name: 'strasse', label: 'Strasse', isShared: true, rank: 2, uses: 2 },
    ]);
    expect([fullwidth, sharp, spaced].some((id) => tags.some((tag) => tag.id === id))).toBe(false);
  });

  it('stores the name the application computes, so a tag typed again finds the merged one', async () => {
    const typed = ['Ｃｉｔｅｄ:ＩＭＵ', 'Großmacht', 'ǆihad'];
    await storeOldTags(typed.map((label) => ({ name: label.normalize('NFC').toLowerCase(), label })));
    const names = (await finishMigrating()).map((tag) => tag.name);
    expect(names).toEqual(typed.map(normalizeTagName).sort());
  });

  it('leaves tags that were already distinct alone, ids and labels included', async () => {
    const ids = await storeOldTags([{ name: 'claim', label: 'Claim' }, { name: 'source:un', label: 'source:UN', rank: 1 }]);
    expect(await finishMigrating()).toEqual([
      { id: ids[0], name: 'claim', label: 'Claim', isShared: true, rank: null, uses: 1 },
      { id: ids[1], name: 'source:un', label: 'source:UN', isShared: true, rank: 1, uses: 1 },
    ]);
  });
});
