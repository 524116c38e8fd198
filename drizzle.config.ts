import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/schema.ts into drizzle/ (append-only) and applied at start
// by src/db/migrate.ts; DATABASE_URL is only needed for drizzle-kit commands that talk to a server.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/privacy_desk' },
});
