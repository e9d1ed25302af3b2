import type { Duplex } from 'node:stream';
import ssh2, { type AuthenticationType, type AuthHandlerMiddleware, type ConnectConfig } from 'ssh2';
import type { z } from 'zod';
import type { SshTarget } from '../../ipc/contract/ssh';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../log';
import { hostIdsFor } from './host-id';
import type { HostKeyContext, HostKeyVerifier } from './host-key-verifier';
import type { KnownHostsStore } from './known-hosts-store';
import { watchServerOffer } from './kexinit-reader';
import { algorithmMismatch, consoleOffer } from './ssh-algorithms';
import type { BastionTunnels, SshClientHost } from './ports';
import { SshConnection } from './ssh-connection';
import type { SshKeyVault } from './ssh-key-vault';
import { dialJumpBox } from './tcp-dial';

/** A jump box to reach, as the contract describes it. */
export type SshTargetValue = z.output<typeof SshTarget>;

/** Where a connection attempt is. */
export type ConnectPhase = 'connecting' | 'awaiting-host-key' | 'authenticating';

/** Timings of the SSH client. */
export interface SshTimings {
  /** TCP or Bastion connect plus SSH handshake plus authentication, excluding time spent on a host-key question. */
  readonly handshakeTimeoutMs: number;
  readonly keepaliveIntervalMs: number;
  readonly keepaliveCountMax: number;
  /** The console re-exchanges keys itself this often on an open connection (as OpenSSH's RekeyLimit time); 0 or absent: only when the server asks. */
  readonly rekeyIntervalMs?: number;
}

/** Sensible production timings: a dead jump box is declared lost within about 45 s. */
export const DEFAULT_SSH_TIMINGS: SshTimings = { handshakeTimeoutMs: 20_000, keepaliveIntervalMs: 15_000, keepaliveCountMax: 3, rekeyIntervalMs: 3_600_000 };

/** What the connector needs. */
export interface SshConnectorDeps {
  readonly verifier: HostKeyVerifier;
  readonly knownHosts: KnownHostsStore;
  readonly keys: SshKeyVault;
  readonly bastion?: BastionTunnels;
  /** The SSH agent socket (SSH_AUTH_SOCK, or Pageant/OpenSSH agent pipe on Windows). */
  readonly agentSocket?: string;
  readonly timings?: SshTimings;
  readonly log: Logger;
  /** Where ssh2 clients and jump-box sockets live (production: the session process); absent: in this process. */
  readonly clientHost?: SshClientHost;
}

/** One connection attempt. */
export interface ConnectRequest {
  readonly target: SshTargetValue;
  /** Session id or tunnel name (shown with host-key questions). */
  readonly requester: string;
  readonly onPhase?: (phase: ConnectPhase) => void;
  readonly signal?: AbortSignal;
}

/** A human name for where a target is. */
export function describeTarget(target: SshTargetValue): { host: string; port: number } {
  const route = target.route;
  if (route.kind === 'direct') return { host: route.host, port: route.port };
  if (route.kind === 'bastion-ip') return { host: route.targetIp, port: route.port };
  return { host: route.targetResourceId.split('/').pop() ?? route.targetResourceId, port: route.port };
}

/** What carries the SSH bytes: a TCP socket or a Bastion session. */
interface Transport {
  /** What ssh2 connects over: a stream in this process, or a socket the client host holds. */
  readonly sock: unknown;
  /** The carrier's bytes when this process holds them (watched for the server's algorithm offer). */
  readonly stream?: Duplex;
  readonly release: () => Promise<void>;
  /** Why the carrier died, when it did. */
  readonly problem?: () => { code: string; message: string } | undefined;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn().catch(() => undefined));
}

/**
 * Opens SSH connections to jump boxes over a direct TCP socket or a Bastion tunnel. Order of events:
 * transport → key exchange → host key verified (store, or the operator) → only then authentication,
 * with exactly the one method the operator chose.
 */
export class SshConnector {
  private readonly timings: SshTimings;

  /** Creates a connector with its ports. */
  constructor(private readonly deps: SshConnectorDeps) {
    this.timings = deps.timings ?? DEFAULT_SSH_TIMINGS;
  }

  /** Connects, verifies and authenticates; rejects with an operator-readable AppError. */
  async connect(request: ConnectRequest): Promise<SshConnection> {
    const { target } = request;
    const where = describeTarget(target);
    const auth = await this.authMethod(target);
    request.onPhase?.('connecting');
    const transport = await this.openTransport(target, request.signal);
    try {
      return await this.handshake(request, transport, auth, where);
    } catch (error) {
      await transport.release();
      throw error;
    }
  }

  private async authMethod(target: SshTargetValue): Promise<AuthHandlerMiddleware> {
    const username = target.username;
    let method: AuthenticationType | Record<string, unknown>;
    switch (target.auth.method) {
      case 'key': {
        const material = await this.deps.keys.material(target.auth.keyId);
        method = { type: 'publickey', username, key: material.privateKey, passphrase: material.passphrase };
        break;
      }
      case 'agent': {
        const agent = this.deps.agentSocket;
        if (!agent) throw new AppError('ssh.no_agent', 'No SSH agent is running for this session (SSH_AUTH_SOCK is not set).');
        method = { type: 'agent', username, agent };
        break;
      }
      case 'password':
        method = { type: 'password', username, password: target.auth.password };
        break;
    }
    let offered = false;
    return (_methodsLeft, _partial, next) => {
      if (offered) return next(false as never);
      offered = true;
      return next(method as never);
    };
  }

  private async openTransport(target: SshTargetValue, signal?: AbortSignal): Promise<Transport> {
    const route = target.route;
    if (route.kind === 'direct') {
      const host = this.deps.clientHost;
      if (host) {
        const remote = await host.dial(route.host, route.port, this.timings.handshakeTimeoutMs, signal);
        return { sock: remote, release: once(async () => remote.destroy()) };
      }
      const socket = await dialJumpBox(route.host, route.port, this.timings.handshakeTimeoutMs, signal);
      return { sock: socket, stream: socket, release: once(async () => void socket.destroy()) };
    }
    const bastion = this.deps.bastion;
    if (!bastion) throw new AppError('ssh.bastion_unavailable', 'Bastion tunnels are not available in this build.');
    const request =
      route.kind === 'bastion'
        ? { bastionId: route.bastionId, target: { kind: 'resource' as const, resourceId: route.targetResourceId, port: route.port } }
        : { bastionId: route.bastionId, target: { kind: 'ip' as const, ip: route.targetIp, port: route.port } };
    const connection = await bastion.open(request, signal);
    return {
      sock: connection.stream,
      stream: connection.stream,
      release: once(() => connection.close()),
      problem: () => (connection.state === 'lost' || connection.state === 'failed' ? connection.problem : undefined),
    };
  }

  /** Answers a re-exchange: the verified key passes at once, any other ends the session via `end`. */
  private reverify(context: HostKeyContext, verified: Buffer, presented: Buffer, verify: (valid: boolean) => void, end: (error: AppError) => void): void {
    const check = this.deps.verifier.verifyRekey(context, verified, presented);
    if (check.ok) return verify(true);
    end(check.error);
  }

  private async handshake(
    request: ConnectRequest,
    transport: Transport,
    authHandler: AuthHandlerMiddleware,
    where: { host: string; port: number },
  ): Promise<SshConnection> {
    const { target } = request;
    const hostIds = hostIdsFor(target.route, target.vmResourceId);
    const knownTypes = await this.deps.knownHosts.knownKeyTypes(hostIds);
    const offered = consoleOffer(knownTypes);
    const client = this.deps.clientHost?.createClient() ?? new ssh2.Client();
    return new Promise<SshConnection>((resolve, reject) => {
      // Set right after connect(): ssh2 has paused the stream by then, so watching it cannot start the flow early.
      const serverOffer: { watch?: ReturnType<typeof watchServerOffer> } = {};
      let settled = false;
      let refusal: AppError | undefined;
      let fingerprint = '';
      let verifiedKey: Buffer | undefined;
      let keySaved = false;
      let connection: SshConnection | undefined;
      const context = { hostIds, displayHost: where.host, port: where.port, requester: request.requester };
      let timer: NodeJS.Timeout | undefined;
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => fail(new AppError('ssh.timeout', `The SSH handshake with ${where.host}:${where.port} did not complete within ${Math.round(this.timings.handshakeTimeoutMs / 1000)} s.`, { params: { host: where.host } })), this.timings.handshakeTimeoutMs);
      };
      const onAbort = (): void => fail(new AppError('ssh.cancelled', 'The connection was cancelled.'));
      const finish = (): void => {
        settled = true;
        serverOffer.watch?.stop();
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: AppError): void => {
        if (settled) return;
        finish();
        client.removeAllListeners('ready');
        client.on('error', () => undefined);
        client.destroy();
        reject(error);
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      arm();
      client.once('ready', () => {
        if (settled) return;
        finish();
        client.removeAllListeners('error');
        connection = new SshConnection(client, fingerprint, transport.release, transport.problem);
        if (this.timings.rekeyIntervalMs) connection.rekeyEvery(this.timings.rekeyIntervalMs);
        resolve(connection);
      });
      client.on('error', (error: Error & { level?: string }) => {
        if (settled) return;
        if (refusal) return fail(refusal);
        if (isAppError(error)) return fail(error);
        if (error.level === 'client-authentication') {
          const how = target.auth.method === 'key' ? 'the chosen key' : target.auth.method === 'agent' ? 'the keys in the SSH agent' : 'the password';
          return fail(new AppError('ssh.auth_failed', `${where.host} refused ${how} for user "${target.username}".`, { params: { host: where.host, user: target.username } }));
        }
        if (error.level === 'client-timeout') return fail(new AppError('ssh.timeout', `The jump box ${where.host} stopped answering during the handshake.`, { params: { host: where.host } }));
        const mismatch = algorithmMismatch(error.message, where.host, serverOffer.watch?.offer() ?? this.deps.clientHost?.serverOfferOf(client), offered);
        if (mismatch) return fail(mismatch);
        return fail(new AppError('ssh.handshake_failed', `The SSH handshake with ${where.host}:${where.port} failed: ${error.message}`, { cause: error, params: { target: `${where.host}:${where.port}` } }));
      });
      client.on('close', () => fail(refusal ?? new AppError('ssh.connection_closed', `${where.host}:${where.port} closed the connection before the session was ready.`)));
      const config: ConnectConfig = {
        sock: transport.sock as ConnectConfig['sock'],
        username: target.username,
        readyTimeout: 0,
        keepaliveInterval: this.timings.keepaliveIntervalMs,
        keepaliveCountMax: this.timings.keepaliveCountMax,
        algorithms: offered as ConnectConfig['algorithms'],
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
          // ssh2 asks again at every key re-exchange; after the first, only the verified key may answer.
          if (verifiedKey) return this.reverify(context, verifiedKey, key, verify, (error) => (connection ? connection.abort({ code: error.code, message: error.message }) : fail(error)));
          void this.deps.verifier
            .verify(
              {
                ...context,
                onAsk: () => {
                  clearTimeout(timer);
                  request.onPhase?.('awaiting-host-key');
                },
                onAnswered: arm,
              },
              key,
            )
            .then((check) => {
              // The handshake may have been torn down (timeout, cancel) while the operator decided;
              // ssh2 must not be called back on a destroyed connection.
              if (settled) return;
              if (check.ok) {
                fingerprint = check.fingerprint;
                verifiedKey = Buffer.from(key);
                keySaved = check.saved;
                request.onPhase?.('authenticating');
                verify(true);
              } else {
                refusal = check.error;
                verify(false);
              }
            })
            .catch((error: unknown) => fail(isAppError(error) ? error : new AppError('ssh.host_key_check_failed', 'The host key could not be checked.', { cause: error })));
        },
        authHandler,
      };
      // UpdateHostKeys: only for a host whose key the store vouches for (not one accepted for this connection only).
      client.on('hostkeys', (keys: Array<{ getPublicSSH(): Buffer }>) => {
        if (keySaved && verifiedKey) void this.deps.verifier.adoptProvenKeys(context, keys.map((k) => k.getPublicSSH()), verifiedKey);
      });
      client.connect(config);
      if (transport.stream) serverOffer.watch = watchServerOffer(transport.stream);
    });
  }
}
