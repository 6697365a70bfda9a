import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabaseClient, type PrismaClient } from '@/lib/db';
import { applyMigrations } from '@/lib/migrate';

/** A database of a test's own in the run's throwaway cluster, migrated, with a Prisma client on it. */
export type TestDatabase = { url: string; db: PrismaClient; drop: () => Promise<void> };

function withDatabaseName(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

async function runOnCluster(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabaseName(inject('clusterUrl'), 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (no migrations applied) and returns its URL and a way to drop it. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await runOnCluster(`CREATE DATABASE ${name}`);
  return { url: withDatabaseName(inject('clusterUrl'), name), drop: () => runOnCluster(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Creates a fresh database with every migration applied. */
export async function createMigratedDatabase(): Promise<TestDatabase> {
  const { url, drop } = await createEmptyDatabase();
  await applyMigrations(url);
  const db = createDatabaseClient(url);
  return {
    url,
    db,
    drop: async () => {
      await db.$disconnect();
      await drop();
    },
  };
}
