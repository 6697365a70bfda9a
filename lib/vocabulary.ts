import type { DatabaseClient } from '@/lib/db';
import { paletteColourFor } from '@/lib/domain/colours';
import { normalizeTagName } from '@/lib/domain/tags';
import { STARTER_VOCABULARY } from '@/lib/validation/tags';

/** Adds the starter vocabulary to a workspace; tags it already has are left alone. Used by workspace creation and the seed. */
export async function addStarterVocabulary(db: DatabaseClient, workspaceId: string): Promise<void> {
  await db.tag.createMany({
    data: STARTER_VOCABULARY.map((tag) => ({ workspaceId, name: normalizeTagName(tag.label), label: tag.label, description: tag.description, colour: paletteColourFor(tag.label) })),
    skipDuplicates: true,
  });
}
