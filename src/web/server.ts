import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../context.js';
import { describeError } from '../errors.js';
import type { VerifyDeps } from '../verify/deps.js';
import { tokenRef } from '../verify/token.js';
import { createConfirmRoutes } from './confirm-routes.js';
import { gatherHealth, httpStatusFor, mayShowDetails, summarizeHealth } from './health.js';
import { allowedHosts, isAllowedHost } from './host-check.js';
import { rawResponse, send, sendHtml, sendJson, sendText } from './http.js';
import { METRICS_CONTENT_TYPE, gatherMetrics, renderMetrics } from './metrics.js';
import { chooseLanguage, plainPage } from './pages/model.js';
import { renderPage } from './pages/render.js';
import { createStaffRoutes, isStaffPath } from './staff/routes.js';

// The HTTP side: confirmation pages, the staff board (staff/routes.ts), /healthz, /metrics, and the stylesheets. Plain
// node:http, because four routes do not need a framework. While stopping, every request gets a
// 503 and its connection is closed; stop() resolves once all sockets are gone.

export interface WebServer {
  start(): Promise<void>;
  stop(): Promise<void>;
  address(): { host: string; port: number };
}

export const PAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates/pages');

const CONFIRM_PATH = /^\/confirm\/([^/]*)\/?$/;
/** How long stop() lets requests in flight finish before it cuts their sockets. */
const STOP_GRACE_MS = 5000;

export function createWebServer(ctx: AppContext, deps: VerifyDeps): WebServer {
  const log = ctx.log.child({ component: 'web' });
  const confirm = createConfirmRoutes(ctx, deps);
  const css = readFileSync(path.join(PAGES_DIR, 'page.css'));
  const boardCss = readFileSync(path.join(PAGES_DIR, 'board.css'));
  const staff = createStaffRoutes(ctx, deps.renderer);
  let startedAt = ctx.now();
  let stopping: Promise<void> | undefined;
  /** Kept from listen(): while closing, server.address() is null, and requests still come in. */
  let boundPort: number | undefined;

  const site = () => ({ orgName: ctx.config.org.name, privacyPolicyUrl: ctx.config.org.privacyPolicyUrl, timeZone: ctx.config.org.timeZone });

  function page(req: IncomingMessage, res: ServerResponse, kind: 'not_found' | 'error' | 'unavailable', status: number, url: URL, extra?: Record<string, string>) {
    const lang = chooseLanguage(url.searchParams.get('lang'), undefined, req.headers['accept-language']);
    // Language links are query-only (`?lang=kk`): the same page, whatever the path. A path taken
    // from the request could be made to read `//evil.example/…`, a link to another site.
    sendHtml(res, status, renderPage(plainPage(kind, status, lang), site(), ''), extra);
  }

  function methodNotAllowed(res: ServerResponse, allow: string) {
    sendText(res, 405, 'Method Not Allowed\n', { Allow: allow });
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<string> {
    const method = req.method ?? 'GET';
    const readOnly = method === 'GET' || method === 'HEAD';
    const m = CONFIRM_PATH.exec(url.pathname);
    if (m) {
      const token = decodeSafe(m[1] ?? '');
      if (readOnly) await confirm.get(req, res, token, url);
      else if (method === 'POST') await confirm.post(req, res, token, url);
      else methodNotAllowed(res, 'GET, HEAD, POST');
      return `confirm:${tokenRef(token)}`;
    }
    if (isStaffPath(url.pathname)) return staff.handle(req, res, url);
    switch (url.pathname) {
      case '/healthz': {
        if (!readOnly) {
          methodNotAllowed(res, 'GET, HEAD');
          return 'healthz';
        }
        const report = await gatherHealth(ctx, startedAt);
        const details = mayShowDetails(req.socket.remoteAddress, ctx.config.healthzToken, req.headers.authorization, url.searchParams.get('token'));
        sendJson(res, httpStatusFor(report), details ? report : summarizeHealth(report));
        return 'healthz';
      }
      case '/metrics': {
        if (!readOnly) {
          methodNotAllowed(res, 'GET, HEAD');
          return 'metrics';
        }
        send(res, 200, METRICS_CONTENT_TYPE, renderMetrics(await gatherMetrics(ctx)));
        return 'metrics';
      }
      case '/assets/page.css':
      case '/assets/board.css': {
        if (!readOnly) {
          methodNotAllowed(res, 'GET, HEAD');
          return 'asset';
        }
        send(res, 200, 'text/css; charset=utf-8', url.pathname === '/assets/page.css' ? css : boardCss, { 'Cache-Control': 'public, max-age=3600' });
        return 'asset';
      }
      default:
        page(req, res, 'not_found', 404, url);
        return 'not_found';
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendText(res, 400, 'Bad Request\n');
      return;
    }
    if (!hostAllowed(req)) {
      log.debug({ msg: 'request for a host we do not serve', method: req.method });
      sendText(res, 421, 'Misdirected Request\n', { Connection: 'close' });
      return;
    }
    // A keep-alive socket that finishes a response while we stop is closed right away.
    res.once('finish', () => {
      if (stopping) server.closeIdleConnections();
    });
    if (stopping) {
      if (url.pathname === '/healthz') {
        res.setHeader('Connection', 'close');
        sendJson(res, 503, { status: 'stopping', reasons: ['stopping: the service is shutting down'] });
        return;
      }
      page(req, res, 'unavailable', 503, url, { Connection: 'close', 'Retry-After': '5' });
      return;
    }
    let name = 'unknown';
    try {
      name = await route(req, res, url);
      log.debug({ msg: 'request', method: req.method, route: name, status: res.statusCode });
    } catch (err) {
      // The path may hold a token: the log names the route, never the URL.
      log.error({ msg: 'request failed', method: req.method, route: name, err: describeError(err) });
      if (!res.headersSent) page(req, res, 'error', 500, url);
      else res.destroy();
    }
  }

  /** Read per request: the public URL is known only once the port is (tests, HTTP_PORT=0). */
  function hostAllowed(req: IncomingMessage): boolean {
    const { http } = ctx.config;
    const ports = boundPort === undefined ? [http.port] : [http.port, boundPort];
    return isAllowedHost(req.headers.host, allowedHosts({ publicBaseUrl: http.publicBaseUrl, host: http.host, ports, extra: http.allowedHosts }));
  }

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5_000;
  server.maxConnections = ctx.config.http.maxConnections;
  // Node answers a malformed request or oversized headers itself, without our headers: we write it.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    log.debug({ msg: 'malformed request', code: err.code, status });
    socket.end(rawResponse(status));
  });

  return {
    start() {
      return new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.once('error', onError);
        server.listen(ctx.config.http.port, ctx.config.http.host, () => {
          server.off('error', onError);
          startedAt = ctx.now();
          const a = server.address() as AddressInfo;
          boundPort = a.port;
          ctx.status.succeeded('web', { host: a.address, port: a.port }, startedAt);
          log.info({ msg: 'web server listening', host: a.address, port: a.port });
          resolve();
        });
      });
    },
    stop() {
      if (stopping) return stopping;
      stopping = new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        const force = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          log.info({ msg: 'web server stopped' });
          resolve();
        });
        // Idle keep-alive sockets would hold close() open until they time out.
        server.closeIdleConnections();
      });
      return stopping;
    },
    address() {
      const a = server.address();
      if (!a || typeof a === 'string') throw new Error('web server is not listening');
      return { host: a.address, port: a.port };
    },
  };
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
