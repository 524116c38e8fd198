import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

// Response and request plumbing shared by the routes. Every response carries the security
// headers; pages and JSON are never cached (a confirmation page must not sit in a shared cache).

/** No script at all, our stylesheet only, forms post only to us, never framed. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // The token is in the path: it must never travel on in a Referer header.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': contentType,
    'Content-Length': String(buf.length),
    ...extra,
  });
  // Node leaves out the body of a HEAD response by itself; the headers stay the same as for GET.
  res.end(buf);
}

/**
 * A whole HTTP/1.1 response as bytes, for answers written to the socket itself: Node's own
 * answers to a malformed request (400) or oversized headers (431) would carry no security headers.
 */
export function rawResponse(status: number): string {
  const reason = STATUS_CODES[status] ?? 'Error';
  const body = `${reason}\n`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `HTTP/1.1 ${status} ${reason}\r\n${lines}\r\n${body}`;
}

export function sendHtml(res: ServerResponse, status: number, html: string, extra?: Record<string, string>): void {
  send(res, status, 'text/html; charset=utf-8', html, extra);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value, null, 2) + '\n');
}

export function sendText(res: ServerResponse, status: number, text: string, extra?: Record<string, string>): void {
  send(res, status, 'text/plain; charset=utf-8', text, extra);
}

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads an urlencoded form of at most `limit` bytes; anything else is a 4xx, never a crash. */
export async function readForm(req: IncomingMessage, limit = 8 * 1024): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new BodyError(415, 'expected an urlencoded form');
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new BodyError(413, 'form too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new BodyError(413, 'form too large');
    chunks.push(b);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Whether a POST may come from our own page. Origin and Sec-Fetch-Site are checked when the
 * browser sends them; `Origin: null` is what browsers send under `Referrer-Policy: no-referrer`,
 * so it proves nothing either way and the form token decides. A different real origin is refused.
 */
export function sameOriginPost(req: IncomingMessage, publicBaseUrl: string): boolean {
  const site = headerOf(req, 'sec-fetch-site');
  if (site === 'cross-site') return false;
  const origin = headerOf(req, 'origin');
  if (origin === undefined || origin === 'null') return true;
  let originHost: string;
  try {
    const u = new URL(origin);
    if (u.origin === new URL(publicBaseUrl).origin) return true;
    originHost = u.host;
  } catch {
    return false;
  }
  // Behind a proxy or on a test port the public URL may differ from the address the browser used.
  return originHost === headerOf(req, 'host');
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
