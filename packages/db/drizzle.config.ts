import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns changes in src/schema into a new SQL migration in migrations/.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});
