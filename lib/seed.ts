import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from '@/lib/zod';
import type { PrismaClient } from '@/lib/db';
import { DEFAULT_WORKSPACE } from '@/lib/default-workspace';
import { unsafeStoreDocumentVersion, type StoredVersion } from '@/lib/document-store';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';
import { addStarterVocabulary } from '@/lib/vocabulary';

const SEED_DIR = path.join(process.cwd(), 'prisma', 'seed');

export { DEFAULT_WORKSPACE };

const metadataSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.string().min(1),
  publisher: z.string().optional(),
  series: z.string().optional(),
  published: z.iso.date().optional(),
  originalUrl: z.url({ protocol: /^https?$/ }).optional(),
  language: z.string().optional(),
});

/** A seed document as shipped in prisma/seed: its `.txt` and `.meta.json`. */
export type SeedFile = { slug: string; metadata: z.infer<typeof metadataSchema>; text: string };

/** Returns every document shipped in prisma/seed. */
export async function readSeedFiles(dir = SEED_DIR): Promise<SeedFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.meta.json')).sort();
  return Promise.all(
    names.map(async (name) => {
      const base = name.slice(0, -'.meta.json'.length);
      const metadata = metadataSchema.parse(JSON.parse(await readFile(path.join(dir, name), 'utf8')));
      const text = await readFile(path.join(dir, `${base}.txt`), 'utf8');
      return { slug: metadata.slug, metadata, text };
    }),
  );
}

/** Makes sure the default workspace and every seed document exist; running it again changes nothing. */
export async function seedDatabase(db: PrismaClient, files?: SeedFile[]): Promise<StoredVersion[]> {
  // ON CONFLICT DO NOTHING: an upsert would race when two app processes start together.
  await db.workspace.createMany({ data: [{ ...DEFAULT_WORKSPACE, isDefault: true }], skipDuplicates: true });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE.slug } });
  await addStarterVocabulary(db, workspace.id);
  const results: StoredVersion[] = [];
  for (const file of files ?? (await readSeedFiles())) {
    const parsed = parsePlainTextDocument(file.text);
    results.push(
      await unsafeStoreDocumentVersion(db, { workspaceId: workspace.id, metadata: file.metadata, parsed, isPublic: true }),
    );
  }
  return results;
}
