// Empties the database (every table, every row), then migrates and seeds it again.
//   npm run db:reset -- --yes
import pg from 'pg';
import { createDatabaseClient } from '@/lib/db';
import { applyMigrations } from '@/lib/migrate';
import { seedDatabase } from '@/lib/seed';
import { runScript, withDatabase } from './with-database';

runScript(async () => {
  if (!process.argv.includes('--yes')) {
    throw new Error('This deletes every annotation, account and document in the database. Run `npm run db:reset -- --yes` to confirm.');
  }
  await withDatabase(async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await client.end();
    await applyMigrations(url);
    const db = createDatabaseClient(url);
    try {
      await seedDatabase(db);
    } finally {
      await db.$disconnect();
    }
    console.log('The database was emptied, migrated and seeded.');
  });
});
