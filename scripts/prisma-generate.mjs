// Generates the Prisma client after install. The client runs on @prisma/adapter-pg and needs no
// engine binary, but the CLI insists on locating a schema engine before it generates; offline
// machines cannot download one, so it is pointed at a file that exists and is never executed.
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
