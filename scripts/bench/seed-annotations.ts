import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { describeRange } from '@/lib/domain/selectors';
import { CodePointIndex } from '@/lib/domain/text';

/** The document version annotations are seeded on, and who writes them. */
export type SeedTarget = { documentId: string; versionId: string; authorIds: string[]; tagIds: string[] };

const WORDS = (
  'evidence source claim figure estimate recruit network border Syria Iraq Afghanistan Uzbekistan Tajikistan Kyrgyzstan ' +
  'Kazakhstan Turkmenistan migrant diaspora propaganda threat security services report survey number dispute method ' +
  'context agree doubt check verify footnote original translation'
).split(' ');

// Deterministic, so every run seeds the same passages and runs stay comparable.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = {
  id: string;
  authorId: string;
  selectors: string | null;
  sectionSlug: string | null;
  start: number | null;
  end: number | null;
  body: string;
  motivation: 'COMMENTING' | 'HIGHLIGHTING' | 'REPLYING';
  parentId: string | null;
  createdAt: Date;
};

const INSERT_ANNOTATIONS = `
  INSERT INTO "Annotation" ("id", "documentId", "versionId", "authorId", "selectors", "sectionSlug", "anchorStart", "anchorEnd",
                            "body", "motivation", "visibility", "parentId", "rootId", "createdAt", "updatedAt")
  SELECT r.id, $1::uuid, $2::uuid, r.author, r.selectors, r.section, r.start_, r.end_, r.body, r.motivation::"AnnotationMotivation",
         'WORKSPACE'::"AnnotationVisibility", r.parent, r.parent, r.created, r.created
  FROM unnest($3::uuid[], $4::uuid[], $5::jsonb[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::uuid[], $12::timestamptz[])
    AS r(id, author, selectors, section, start_, end_, body, motivation, parent, created)`;

/**
 * Inserts `count` quote annotations shared with the workspace on random passages of one paragraph each, a reply
 * under every fourth and one or two tags on about half, in a few large statements. Returns how many rows of each.
 */
export async function seedAnnotations(client: pg.Pool, target: SeedTarget, count: number, seed: number): Promise<{ annotations: number; replies: number; tags: number }> {
  const version = await client.query<{ text: string }>('SELECT "text" FROM "DocumentVersion" WHERE "id" = $1', [target.versionId]);
  const text = version.rows[0]?.text;
  if (text === undefined) throw new Error('The version to seed does not exist.');
  const paragraphs = (await client.query<{ start: number; end: number }>('SELECT "startOffset" AS start, "endOffset" AS end FROM "Paragraph" WHERE "versionId" = $1 ORDER BY "ordinal"', [target.versionId])).rows;
  const sections = (await client.query<{ slug: string; start: number; end: number }>('SELECT "slug", "startOffset" AS start, "endOffset" AS end FROM "Section" WHERE "versionId" = $1', [target.versionId])).rows;
  const index = new CodePointIndex(text);
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentence = (length: number) => Array.from({ length }, () => pick(WORDS)).join(' ');
  const now = Date.now();
  const rows: Row[] = [];
  const tagLinks: Array<[string, string]> = [];
  for (let made = 0; made < count; made++) {
    const paragraph = pick(paragraphs);
    const start = paragraph.start + Math.floor(random() * Math.max(1, paragraph.end - paragraph.start - 10));
    const end = Math.min(paragraph.end, start + 15 + Math.floor(random() * 180));
    if (end <= start) continue;
    const selectors = describeRange(text, start, end, index);
    const id = randomUUID();
    const isHighlight = random() < 0.2;
    const createdAt = new Date(now - (count - made) * 60_000);
    rows.push({
      id,
      authorId: pick(target.authorIds),
      selectors: JSON.stringify(selectors),
      sectionSlug: sections.find((section) => start >= section.start && start < section.end)?.slug ?? null,
      start,
      end,
      body: isHighlight ? '' : `The ${sentence(3)} here needs a **${pick(WORDS)}**: ${sentence(12)}.`,
      motivation: isHighlight ? 'HIGHLIGHTING' : 'COMMENTING',
      parentId: null,
      createdAt,
    });
    if (!isHighlight && random() < 0.5) {
      const first = pick(target.tagIds);
      tagLinks.push([id, first]);
      const second = pick(target.tagIds);
      if (second !== first && random() < 0.3) tagLinks.push([id, second]);
    }
    if (made % 4 === 0) {
      rows.push({
        id: randomUUID(),
        authorId: pick(target.authorIds),
        selectors: null,
        sectionSlug: null,
        start: null,
        end: null,
        body: `I ${pick(['agree', 'doubt', 'checked'])} the ${sentence(6)}.`,
        motivation: 'REPLYING',
        parentId: id,
        createdAt: new Date(createdAt.getTime() + 30_000),
      });
    }
  }
  const BATCH = 2000;
  for (let from = 0; from < rows.length; from += BATCH) {
    const batch = rows.slice(from, from + BATCH);
    await client.query(INSERT_ANNOTATIONS, [
      target.documentId,
      target.versionId,
      batch.map((row) => row.id),
      batch.map((row) => row.authorId),
      batch.map((row) => row.selectors),
      batch.map((row) => row.sectionSlug),
      batch.map((row) => row.start),
      batch.map((row) => row.end),
      batch.map((row) => row.body),
      batch.map((row) => row.motivation),
      batch.map((row) => row.parentId),
      batch.map((row) => row.createdAt),
    ]);
  }
  for (let from = 0; from < tagLinks.length; from += BATCH) {
    const batch = tagLinks.slice(from, from + BATCH);
    await client.query('INSERT INTO "AnnotationTag" ("annotationId", "tagId") SELECT * FROM unnest($1::uuid[], $2::uuid[])', [batch.map(([id]) => id), batch.map(([, tag]) => tag)]);
  }
  await client.query('ANALYZE "Annotation"; ANALYZE "AnnotationTag"');
  const replies = rows.filter((row) => row.parentId !== null).length;
  return { annotations: rows.length - replies, replies, tags: tagLinks.length };
}
