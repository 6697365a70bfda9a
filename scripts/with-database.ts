import path from 'node:path';
import { startEmbeddedDatabase } from '@/lib/local-database';

/** Runs `task` against DATABASE_URL, or against the local embedded database, started for the task and stopped after. */
export async function withDatabase(task: (databaseUrl: string) => Promise<void>): Promise<void> {
  if (process.env.DATABASE_URL) return task(process.env.DATABASE_URL);
  const database = await startEmbeddedDatabase({ dataDir: path.join(process.cwd(), '.data', 'postgres') });
  try {
    await task(database.url);
  } finally {
    await database.stop();
  }
}

/** Runs a script's main function, printing a failure as one readable line and exiting non-zero. */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`[marginalia] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
