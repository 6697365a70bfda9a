// Loads the seed documents into DATABASE_URL, or into the local embedded database. Safe to repeat.
import { createDatabaseClient } from '@/lib/db';
import { applyMigrations } from '@/lib/migrate';
import { seedDatabase } from '@/lib/seed';
import { runScript, withDatabase } from './with-database';

runScript(() =>
  withDatabase(async (url) => {
    await applyMigrations(url);
    const db = createDatabaseClient(url);
    try {
      const stored = await seedDatabase(db);
      console.log(`${stored.filter((version) => version.isNewVersion).length} new document version(s) loaded.`);
    } finally {
      await db.$disconnect();
    }
  }),
);
