// Run by tests/integration/closed-project-folder.test.ts inside a copy of the project: starts the embedded
// PostgreSQL as `npm start` does (data in .data/postgres) and as the tests do (a throwaway one), asks each a
// question, stops them, and prints what happened. Exits non-zero on any failure, with its message only.
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase, startThrowawayDatabase } from '@/lib/local-database';

async function ask(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ answer: number }>('SELECT 6 * 7 AS answer');
    return rows[0]?.answer ?? 0;
  } finally {
    await client.end();
  }
}

try {
  const local = await startEmbeddedDatabase({ dataDir: path.join(process.cwd(), '.data', 'postgres'), onNotice: (line) => console.log(`notice: ${line}`) });
  console.log(`local: ${await ask(local.url)}`);
  await local.stop();
  const throwaway = await startThrowawayDatabase();
  console.log(`throwaway: ${await ask(throwaway.url)}`);
  await throwaway.stop();
  process.exit(0);
} catch (error) {
  console.error(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
