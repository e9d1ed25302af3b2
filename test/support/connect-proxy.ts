import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** One tunnel the proxy opened (or refused). */
export interface TunnelRecord {
  /** `host:port` as the client asked in its CONNECT line. */
  readonly target: string;
  readonly status: number;
  readonly proxyAuthorization: string | undefined;
}

/** Options of the test proxy. */
export interface ConnectProxyOptions {
  /** When set, CONNECT without `Proxy-Authorization: Basic base64(user:pass)` gets 407. */
  readonly credentials?: { user: string; pass: string };
  /** A URL allow-list, as on a PAW's proxy: CONNECT to a `host:port` it rejects gets 403. */
  readonly allow?: (target: string) => boolean;
}

/** A running loopback CONNECT proxy. */
export interface ConnectProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Every CONNECT the proxy saw, in order. */
  readonly tunnels: TunnelRecord[];
  /** Count of successful tunnels to `host:port`. */
  tunnelsTo(target: string): number;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\./.test(bare);
}

/**
 * A real HTTP CONNECT proxy on 127.0.0.1 for tests: it tunnels only to loopback targets (the rule
 * of this machine), answers 403 for anything else and 405 for non-CONNECT requests (so a client
 * that forgets to tunnel fails loudly), and records every tunnel so tests can prove a client used it.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: TunnelRecord[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('this test proxy only tunnels (CONNECT)\n');
  });
  const expected = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.pass}`).toString('base64')}`
    : undefined;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    const auth = req.headers['proxy-authorization'];
    const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(target);
    const refuse = (status: number, text: string, extra = '') => {
      tunnels.push({ target, status, proxyAuthorization: auth });
      client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}Content-Length: 0\r\n\r\n`);
    };
    if (expected && auth !== expected) return refuse(407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="test"\r\n');
    if (!match || !isLoopback(match[1]!) || (options.allow && !options.allow(target))) return refuse(403, 'Forbidden');
    const upstream = net.connect(Number(match[2]), match[1]!.replace(/^\[|\]$/g, ''));
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      tunnels.push({ target, status: 200, proxyAuthorization: auth });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => (client.writable && !tunnels.some((t) => t.target === target && t.status === 200) ? refuse(502, 'Bad Gateway') : client.destroy()));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    tunnelsTo: (target) => tunnels.filter((t) => t.target === target && t.status === 200).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
