import postgres from 'postgres';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { ensureBuilt } from './build.js';
import { TEMPLATE_DB, adminUrl, databaseUrl } from './pg-url.js';

// Migrates pd_template once per run; test files clone it with CREATE DATABASE ... TEMPLATE, which
// takes milliseconds where migrating each database would take seconds. Without PD_TEST_PG_URL
// there is nothing to prepare: the PostgreSQL tests then fail with a message saying how to run them.
export default async function setup(): Promise<void> {
  // Tests run the CLI and the service from dist/ (see cliArgs): built once here, before any file runs.
  ensureBuilt();
  const url = adminUrl();
  if (!url) {
    console.warn('[global-setup] PD_TEST_PG_URL is not set: PostgreSQL tests will fail; run `npm test`.');
    return;
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Recreated every run: a migration edited during development must not leave a stale template.
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(url, TEMPLATE_DB), max: 2 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
}
