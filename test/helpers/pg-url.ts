export const TEMPLATE_DB = 'pd_template';

/** The maintenance database URL of the throwaway server, or undefined outside `npm test`. */
export function adminUrl(): string | undefined {
  const url = process.env.PD_TEST_PG_URL;
  return url === undefined || url === '' ? undefined : url;
}

/** The same server, another database. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
