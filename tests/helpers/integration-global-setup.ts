import type { TestProject } from 'vitest/node';
import { startThrowawayDatabase, type LocalDatabase } from '@/lib/local-database';

declare module 'vitest' {
  export interface ProvidedContext {
    clusterUrl: string;
  }
}

let cluster: LocalDatabase | null = null;

// One throwaway PostgreSQL cluster for the run; each test file creates its own databases in it.
export async function setup(project: TestProject) {
  cluster = await startThrowawayDatabase();
  project.provide('clusterUrl', cluster.url);
}

export async function teardown() {
  await cluster?.stop();
}
