import type { ServiceProcess } from './service.js';

// /healthz of a service started by startService (HTTP_PORT=0): the port comes from its log.

export interface Healthz {
  status: number;
  body: {
    status: string;
    reasons: string[];
    database: { ok: boolean; error?: string };
    mailbox: { ok: boolean; lastError?: string; role?: string };
    outbox: { ok: boolean; pending: number | null; lastError?: string };
  };
}

/** The port from the "web server listening" line, once it was written. */
export function webPort(svc: ServiceProcess): number | undefined {
  const line = svc.output().split('\n').find((l) => l.includes('"web server listening"'));
  return line ? (JSON.parse(line) as { port: number }).port : undefined;
}

/** Asked from loopback, so the answer has the details (error texts), not only the verdict. */
export async function healthz(port: number): Promise<Healthz> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Healthz['body'] };
}
