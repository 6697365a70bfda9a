import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, MigrationHistoryError, readMigrations } from '@/lib/migrate';
import { createEmptyDatabase } from '@/tests/helpers/database';

let database: { url: string; drop: () => Promise<void> };

beforeEach(async () => {
  database = await createEmptyDatabase();
});

afterEach(async () => {
  await database.drop();
});

async function migrationRecords(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('start-up migrations', () => {
  it('apply every migration once and record it in _prisma_migrations as Prisma Migrate does', async () => {
    const migrations = await readMigrations();
    expect(await applyMigrations(database.url)).toEqual(migrations.map((migration) => migration.name));
    const records = await migrationRecords(database.url);
    expect(records.map((record) => [record.migration_name, record.checksum, record.applied_steps_count])).toEqual(
      migrations.map((migration) => [migration.name, migration.checksum, 1]),
    );
    expect(records.every((record) => record.finished_at instanceof Date)).toBe(true);
  });

  it('apply nothing on the second start', async () => {
    await applyMigrations(database.url);
    expect(await applyMigrations(database.url)).toEqual([]);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    const migrations = await readMigrations();
    await applyMigrations(database.url, migrations);
    const edited = migrations.map((migration, index) => (index === 0 ? { ...migration, checksum: 'edited' } : migration));
    await expect(applyMigrations(database.url, edited)).rejects.toThrow(MigrationHistoryError);
  });

  it('roll back a failing migration completely, leaving it unrecorded', async () => {
    const failing = { name: '29990101000000_broken', sql: 'CREATE TABLE "Half" (id int); SELECT * FROM "NoSuchTable";', checksum: 'x' };
    await expect(applyMigrations(database.url, [failing])).rejects.toThrow(/29990101000000_broken failed/);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rowCount } = await client.query(`SELECT 1 FROM pg_tables WHERE tablename = 'Half'`);
    await client.end();
    expect(rowCount).toBe(0);
    expect(await migrationRecords(database.url)).toEqual([]);
  });
});
