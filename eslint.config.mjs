import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// zod must be configured before first use (lib/zod.ts), so it is imported from there only.
const zodThroughLib = { name: 'zod', message: 'Import z from @/lib/zod, which configures it for our Content-Security-Policy.' };

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
    // Pages and components reach data only through the data layer, and never read the environment.
    files: ['app/**', 'components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [zodThroughLib],
          patterns: [
            { group: ['@/lib/db', '@/lib/generated/*', '@prisma/*', 'pg'], message: 'Read and write data through lib/dal.' },
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
