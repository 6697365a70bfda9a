import { defineConfig } from 'prisma/config';

// The CLI reads the URL from the environment; `npm start` sets it for the embedded database.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
