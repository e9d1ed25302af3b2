import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { JumpBoxProbe, JumpBoxTarget } from '../azure-model';
import { AppError } from '../errors';
import { runRemote } from './remote-exec';
import type { SshConnection } from './ssh-connection';

/** Port: an authenticated SSH connection to a jump box, for the duration of one check. */
export interface JumpBoxConnections {
  withConnection<T>(target: JumpBoxTarget, signal: AbortSignal, body: (connection: SshConnection) => Promise<T>): Promise<T>;
}

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;
const BODY_CAP = 4096;

function assertHost(host: string): void {
  if (!HOST.test(host)) throw new AppError('jumpbox.bad_host', `"${host.slice(0, 80)}" is not a host name the console will send to the jump box.`);
}

function aborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('jumpbox.cancelled', 'The check was cancelled.');
}

/**
 * The checklist's jump-box checks, run on the jump box over a verified SSH connection: name
 * resolution with getent (the jump box's own resolver and private DNS view), TCP and HTTPS through
 * direct-tcpip channels (sshd connects from the jump box, so no tool has to be installed there).
 */
export class SshJumpBoxProbe implements JumpBoxProbe {
  /** Creates the probe over a source of jump-box connections. */
  constructor(private readonly connections: JumpBoxConnections) {}

  async resolve(target: JumpBoxTarget, fqdn: string, signal: AbortSignal): Promise<string[]> {
    assertHost(fqdn);
    return this.connections.withConnection(target, signal, async (connection) => {
      aborted(signal);
      const result = await runRemote(connection, `getent ahosts '${fqdn}'`, { timeoutMs: 10_000, maxOutputBytes: 64 * 1024 });
      if (result.timedOut) throw new AppError('jumpbox.timeout', `Resolving ${fqdn} on the jump box did not finish in 10 s.`, { params: { fqdn } });
      if (result.exitCode === 2) return [];
      if (result.exitCode !== 0) throw new AppError('jumpbox.command_failed', `getent on the jump box failed (exit ${result.exitCode ?? result.signal}): ${result.stderr.trim().slice(0, 200)}`);
      return [...new Set(result.stdout.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((a) => a !== ''))];
    });
  }

  async tcpConnect(target: JumpBoxTarget, host: string, port: number, signal: AbortSignal): Promise<string> {
    assertHost(host);
    return this.connections.withConnection(target, signal, async (connection) => {
      aborted(signal);
      const started = Date.now();
      const channel = await this.openChannel(connection, host, port);
      channel.destroy();
      return `${target.vmName} opened TCP ${port} to ${host} in ${Date.now() - started} ms.`;
    });
  }

  async httpsGet(target: JumpBoxTarget, url: string, signal: AbortSignal): Promise<{ status: number; body: string }> {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') throw new AppError('jumpbox.bad_url', 'Only https URLs are probed from the jump box.');
    assertHost(parsed.hostname);
    const port = parsed.port ? Number(parsed.port) : 443;
    return this.connections.withConnection(target, signal, async (connection) => {
      aborted(signal);
      const channel = await this.openChannel(connection, parsed.hostname, port);
      return new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpsRequest(
          {
            host: parsed.hostname,
            servername: parsed.hostname,
            port,
            path: parsed.pathname + parsed.search,
            method: 'GET',
            // /healthz is a reachability probe; the API server's CA is not known to the console here.
            rejectUnauthorized: false,
            createConnection: () => tlsConnect({ socket: channel, servername: parsed.hostname, rejectUnauthorized: false }) as unknown as Socket,
            timeout: 10_000,
            signal,
          },
          (response) => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => {
              if (body.length < BODY_CAP) body += chunk;
            });
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: body.slice(0, BODY_CAP) }));
          },
        );
        request.on('timeout', () => request.destroy(new Error('no answer within 10 s')));
        request.on('error', (error) => reject(new AppError('jumpbox.https_failed', `GET ${url} from the jump box failed: ${error.message}`, { params: { url } })));
        request.end();
      });
    });
  }

  private async openChannel(connection: SshConnection, host: string, port: number): Promise<Duplex> {
    try {
      return await connection.forwardOut('127.0.0.1', 0, host, port);
    } catch (error) {
      const message = (error as Error).message;
      if (/prohibited/i.test(message)) {
        throw new AppError('jumpbox.forwarding_disabled', 'The jump box does not allow TCP forwarding (AllowTcpForwarding no), which this check needs.');
      }
      throw new AppError('jumpbox.tcp_failed', /refused/i.test(message) ? 'connection refused' : /timed out|timeout/i.test(message) ? 'connection timed out' : message.replace(/^The jump box could not connect to [^ ]+ /, ''));
    }
  }
}
