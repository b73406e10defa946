// Puts the app on the network. With a certificate (TLS_CERT/TLS_KEY) the server speaks HTTPS
// itself — the phone's WebCrypto (PIN sealing, photo hashes) needs a secure context on any
// address but localhost — and a second plain-HTTP port only redirects to it. Errors Node answers
// before the app sees the request (431 headers too large, 400 malformed, 408) are JSON like every
// other error, with the same security headers.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import { errorBody } from './errors.ts';
import { plainSecurityHeaders } from './security-headers.ts';
import type { MessageKey } from '../../shared/i18n/index.ts';

export interface ListenOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  port: number;
  /** PEM files; both or neither. */
  tls?: { certFile: string; keyFile: string };
  /** With TLS: a plain-HTTP port whose every request is redirected to HTTPS. */
  httpPort?: number;
  hostname?: string;
}

export interface Listening {
  servers: Server[];
  close(): Promise<void>;
}

function rawJsonAnswer(socket: Duplex, status: number, reason: string, code: MessageKey): void {
  const body = JSON.stringify(errorBody(code));
  const headers = { ...plainSecurityHeaders(), 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
}

/** Node's own HTTP-level rejections, as JSON instead of an empty body. */
function jsonClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') rawJsonAnswer(socket, 431, 'Request Header Fields Too Large', 'server.headersTooLarge');
    else if (error.code === 'HPE_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_REQUEST_TIMEOUT') rawJsonAnswer(socket, 408, 'Request Timeout', 'server.timeout');
    else rawJsonAnswer(socket, 400, 'Bad Request', 'server.badRequest');
  });
}

function redirectToHttps(httpsPort: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
    const port = httpsPort === 443 ? '' : `:${httpsPort}`;
    res.writeHead(308, { ...plainSecurityHeaders(), location: `https://${host}${port}${req.url ?? '/'}`, 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ redirect: 'https' }));
  };
}

function listening(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (server.listening) resolve();
    else {
      server.once('listening', resolve);
      server.once('error', reject);
    }
  });
}

export async function listen(options: ListenOptions): Promise<Listening> {
  const servers: Server[] = [];
  const main = options.tls
    ? serve({
        fetch: options.fetch,
        port: options.port,
        ...(options.hostname ? { hostname: options.hostname } : {}),
        createServer: createHttpsServer,
        serverOptions: { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) },
      })
    : serve({ fetch: options.fetch, port: options.port, ...(options.hostname ? { hostname: options.hostname } : {}) });
  servers.push(main as Server);
  if (options.tls && options.httpPort !== undefined) {
    const redirect = createHttpServer(redirectToHttps(options.port));
    redirect.listen(options.httpPort, options.hostname);
    servers.push(redirect);
  }
  for (const server of servers) jsonClientErrors(server);
  await Promise.all(servers.map(listening));
  return {
    servers,
    close: () => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined),
  };
}
