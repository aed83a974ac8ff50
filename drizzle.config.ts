import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Each module's own tables: src/<module>/<module>.schema.ts.
  schema: './src/*/*.schema.ts',
  out: './src/db/migrations',
});
