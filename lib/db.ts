import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getDatabaseUrl } from '@/lib/env';

export type { PrismaClient };
/** The client or an interactive transaction's client: what data functions accept. */
export type DatabaseClient = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** Returns a new Prisma client on node-postgres for `url`; the caller disconnects it. */
export function createDatabaseClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

// One pool and one client on it per server process; kept on globalThis so dev-mode module reloads reuse them.
const globalForDb = globalThis as unknown as { marginaliaDb?: PrismaClient; marginaliaPool?: pg.Pool };

function getPool(): pg.Pool {
  if (!globalForDb.marginaliaPool) {
    const pool = new pg.Pool({ connectionString: getDatabaseUrl() });
    // A connection the database drops while idle (a restart) leaves the pool and the next query opens another; an
    // error event nobody listens to would end the process instead.
    pool.on('error', () => undefined);
    globalForDb.marginaliaPool = pool;
  }
  return globalForDb.marginaliaPool;
}

/** Returns the process-wide node-postgres pool under getDb(), for libraries that speak to PostgreSQL themselves (the sign-in limiter). */
export function getDatabasePool(): pg.Pool {
  return getPool();
}

/** Returns the process-wide Prisma client, created on first use from DATABASE_URL. Only lib/ calls this. */
export function getDb(): PrismaClient {
  globalForDb.marginaliaDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return globalForDb.marginaliaDb;
}

/**
 * Runs one read on getDb()'s pool and returns its rows as arrays of driver values, in the order the query names its
 * columns. For the few reads of thousands of rows (the reader's outline of every annotation), where Prisma's mapping
 * of each value costs more than the query itself. Only lib/dal calls this, with the same authorization as any read.
 */
export async function queryRows<Row extends unknown[]>(text: string, values: unknown[]): Promise<Row[]> {
  const result = await getPool().query<Row>({ text, values, rowMode: 'array' });
  return result.rows;
}

/**
 * Runs one statement on getDb()'s pool and returns its rows as objects. For the statements every annotation write
 * runs, where the driver alone costs about a third of what Prisma's raw query does. Only lib/dal calls this.
 *
 * `name` makes it a prepared statement: each connection parses and plans it once, and afterwards sends only its
 * values, not its text. For the few statements every signed-in request or every write runs; each name must always
 * go with the same text.
 */
export async function queryObjects<Row extends object>(text: string, values: unknown[], name?: string): Promise<Row[]> {
  const result = await getPool().query<Row>(name === undefined ? { text, values } : { name, text, values });
  return result.rows;
}
