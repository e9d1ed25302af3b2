import net from 'node:net';
import tls from 'node:tls';
import type { Logger } from '../log';
import type { AuthExchange, ProxyAuthenticator } from './proxy-auth/authenticator';
import { parseProxyAuthenticate } from './proxy-auth/challenges';
import { ProxyAuthError } from './proxy-auth/errors';
import { ProxyTunnelError } from './tunnel-error';

/** Where a tunnel goes: the proxy, the target, and TLS options for an https:// proxy. */
export interface TunnelTarget {
  readonly proxy: URL;
  readonly host: string;
  readonly port: number;
  readonly proxyTls?: tls.ConnectionOptions | undefined;
}

interface ConnectReply {
  readonly status: number;
  readonly reason: string;
  readonly headers: ReadonlyMap<string, string[]>;
  /** True when the proxy keeps this connection open after its error body (NTLM needs that). */
  readonly reusable: boolean;
}

/** A CONNECT reply (head and error body) larger than this is refused. */
const MAX_REPLY = 1024 * 1024;
const MAX_ROUNDS = 4;

function dial(target: TunnelTarget): Promise<net.Socket> {
  const port = Number(target.proxy.port) || (target.proxy.protocol === 'https:' ? 443 : 80);
  const host = target.proxy.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket =
      target.proxy.protocol === 'https:'
        ? tls.connect({ ...target.proxyTls, host, port, servername: net.isIP(host) ? undefined : host }, () => done())
        : net.connect({ host, port }, () => done());
    function done(): void {
      socket.off('error', reject);
      resolve(socket);
    }
    socket.once('error', reject);
  });
}

/**
 * Reads bytes until the predicate says enough; whatever arrives past it is pushed back onto the
 * socket. Reads in paused mode ('readable' + read()), never pause(): an explicitly paused socket
 * would not start flowing when the HTTP client attaches its 'data' listener to the tunnel.
 */
function readUntil(socket: net.Socket, initial: Buffer, enough: (buffer: Buffer) => number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buffer = initial;
    const check = (): boolean => {
      const end = enough(buffer);
      if (end < 0) return false;
      cleanup();
      if (end < buffer.length) socket.unshift(buffer.subarray(end));
      resolve(buffer.subarray(0, end));
      return true;
    };
    const onReadable = (): void => {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) {
        buffer = Buffer.concat([buffer, chunk]);
        if (check()) return;
        if (buffer.length > MAX_REPLY) return fail(new Error('the proxy sent an oversized reply to CONNECT'));
      }
    };
    const onEnd = (): void => fail(new Error('the proxy closed the connection during CONNECT'));
    const fail = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      socket.off('readable', onReadable);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', fail);
    };
    if (check()) return;
    socket.on('readable', onReadable);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', fail);
    onReadable();
  });
}

async function sendConnect(socket: net.Socket, target: TunnelTarget, authorization: string | undefined): Promise<ConnectReply> {
  const authority = net.isIPv6(target.host) ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, 'Proxy-Connection: keep-alive'];
  if (authorization) lines.push(`Proxy-Authorization: ${authorization}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const head = (await readUntil(socket, Buffer.alloc(0), (b) => {
    const end = b.indexOf('\r\n\r\n');
    return end < 0 ? -1 : end + 4;
  })).toString('latin1');
  const [statusLine = '', ...headerLines] = head.trimEnd().split('\r\n');
  const match = /^HTTP\/(\d\.\d) (\d{3}) ?(.*)$/.exec(statusLine);
  if (!match) throw new ProxyTunnelError(`the proxy answered CONNECT with something that is not HTTP (${statusLine.slice(0, 40)})`, 0);
  const headers = new Map<string, string[]>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const status = Number(match[2]);
  if (status === 200) return { status, reason: match[3] ?? '', headers, reusable: true };
  const length = headers.get('content-length')?.[0];
  const closes = [...(headers.get('connection') ?? []), ...(headers.get('proxy-connection') ?? [])].some((v) => /close/i.test(v));
  const reusable = match[1] === '1.1' && length !== undefined && /^\d+$/.test(length) && !closes;
  if (reusable) await readUntil(socket, Buffer.alloc(0), (b) => (b.length >= Number(length) ? Number(length) : -1));
  return { status, reason: match[3] ?? '', headers, reusable };
}

function refused(target: TunnelTarget, reply: ConnectReply, error: ProxyAuthError): ProxyAuthError {
  const what = `the proxy refused the tunnel to ${target.host}:${target.port} (HTTP ${reply.status} ${reply.reason})`;
  return new ProxyAuthError(`${what}: ${error.message}`, error.reason, error.offered, error.scheme, target.proxy.host);
}

/**
 * Opens an HTTP CONNECT tunnel and answers the proxy's 407s on the way (Negotiate, NTLM, Basic, as
 * the authenticator decides). A scheme that worked is sent with the first CONNECT of later tunnels;
 * any refusal becomes an error, never a response that looks like the target's.
 */
export async function openTunnel(target: TunnelTarget, auth: ProxyAuthenticator, log?: Logger): Promise<net.Socket> {
  let exchange: AuthExchange | undefined;
  const known = auth.known(target.proxy);
  if (known) exchange = await auth.exchange(target.proxy, known).catch(() => undefined);
  let authorization = exchange?.first;
  let answered = false;
  let socket = await dial(target);
  try {
    for (let round = 0; ; round++) {
      const reply = await sendConnect(socket, target, authorization);
      if (reply.status === 200) {
        auth.remember(target.proxy, exchange?.scheme);
        return socket;
      }
      if (reply.status !== 407) {
        throw new ProxyTunnelError(`the proxy refused the tunnel to ${target.host}:${target.port} (HTTP ${reply.status} ${reply.reason})`.trim(), reply.status);
      }
      const challenges = parseProxyAuthenticate(reply.headers.get('proxy-authenticate') ?? []);
      const offered = [...new Set(challenges.map((c) => c.scheme))];
      if (round >= MAX_ROUNDS) throw refused(target, reply, new ProxyAuthError('it kept asking for credentials', 'rejected', offered, exchange?.scheme));
      const next = exchange && !answered ? exchange.answer(challenges.find((c) => c.scheme === exchange!.scheme)) : null;
      if (next && exchange) {
        if (!reply.reusable) throw refused(target, reply, new ProxyAuthError(`it closed the connection in the middle of ${exchange.scheme.toUpperCase()}`, 'rejected', offered, exchange.scheme));
        authorization = next;
        answered = true;
        continue;
      }
      if (exchange && (answered || exchange.scheme !== 'ntlm') && !(known && round === 0)) {
        auth.remember(target.proxy, undefined);
        throw refused(target, reply, new ProxyAuthError(`it did not accept the ${exchange.scheme} credentials`, 'rejected', offered, exchange.scheme));
      }
      exchange = await auth.begin(target.proxy, challenges).catch((error: unknown) => {
        throw error instanceof ProxyAuthError ? refused(target, reply, error) : error;
      });
      log?.info('proxy asks for authentication', { proxy: target.proxy.host, offered, scheme: exchange.scheme });
      authorization = exchange.first;
      answered = false;
      // Negotiate and Basic authenticate one request, so a fresh connection is as good and avoids a
      // proxy that half-closed after its 407; NTLM authenticates the connection and must stay on it.
      if (!reply.reusable || exchange.scheme !== 'ntlm') {
        socket.destroy();
        socket = await dial(target);
      }
    }
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
