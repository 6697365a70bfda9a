// Applies pending migrations to DATABASE_URL, or to the local embedded database.
import { applyMigrations } from '@/lib/migrate';
import { runScript, withDatabase } from './with-database';

runScript(() =>
  withDatabase(async (url) => {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply: the schema is up to date.');
  }),
);
