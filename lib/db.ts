import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getDatabaseUrl } from '@/lib/env';

export type { PrismaClient };
/** The client or an interactive transaction's client: what data functions accept. */
export type DatabaseClient = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** Returns a new Prisma client on node-postgres for `url`; the caller disconnects it. */
export function createDatabaseClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

// One client per server process; kept on globalThis so dev-mode module reloads reuse it.
const globalForDb = globalThis as unknown as { marginaliaDb?: PrismaClient };

/** Returns the process-wide Prisma client, created on first use from DATABASE_URL. Only lib/ calls this. */
export function getDb(): PrismaClient {
  globalForDb.marginaliaDb ??= createDatabaseClient(getDatabaseUrl());
  return globalForDb.marginaliaDb;
}
