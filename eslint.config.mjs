import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// zod must be configured before first use (lib/zod.ts), so it is imported from there only.
const zodThroughLib = { name: 'zod', message: 'Import z from @/lib/zod, which configures it for our Content-Security-Policy.' };

// The database client, the generated Prisma client and the driver. Every query goes through lib/dal, where reads use
// the access module's where-builders (lib/dal/access) and mutations ask lib/domain/permissions first.
const databaseModules = ['@/lib/db', '@/lib/generated/*', '@prisma/*', 'pg'];

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores(['.next/**', '.data/**', 'lib/generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    ignores: ['lib/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [zodThroughLib] }] },
  },
  {
    // Only the data layer reaches the database. Apart from it, only what owns the database's lifecycle may: lib/db.ts
    // itself, the embedded server, migrations and the seed, the scripts, and the tests that build throwaway databases.
    // A type import reaches nothing, so a module the data layer hands its client to (lib/rate-limit.ts) may name it.
    // Pages and components have the stricter rule below.
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    ignores: [
      'lib/dal/**',
      'lib/db.ts',
      'lib/local-database.ts',
      'lib/migrate.ts',
      'lib/seed.ts',
      'scripts/**',
      'tests/helpers/**',
      'tests/integration/**',
      'tests/reliability/**',
      'app/**',
      'components/**',
      'eslint.config.mjs',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: databaseModules, allowTypeImports: true, message: 'Read and write data through lib/dal, where every query is authorized.' }] },
      ],
    },
  },
  {
    // Pages and components reach data only through the data layer, and never read the environment.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [zodThroughLib],
          patterns: [
            { group: databaseModules, message: 'Read and write data through lib/dal.' },
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in lib/env.ts.' }],
    },
  },
  {
    // Domain logic stays pure: no framework, no database, no Node built-ins.
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [zodThroughLib],
          patterns: [{ group: ['react', 'react-dom', 'next', 'next/*', '@/lib/generated/*', '@prisma/*', 'node:*', 'pg'], message: 'lib/domain is pure TypeScript.' }],
        },
      ],
    },
  },
]);
