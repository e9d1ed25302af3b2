import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, open, rm } from 'node:fs/promises';
import net from 'node:net';
import { isAppError } from '../errors';
import type { Logger } from '../log';
import { assertPrivate, ChannelError } from './channel-guard';
import type { ChannelLocation } from './channel-location';
import { CredentialRequest, MAX_LINE_BYTES, type CredentialResponseValue } from './channel-protocol';
import { execCredential, type ExecCredential } from './channel-wire';
import type { CallerLookup } from './caller-process';
import type { TokenBroker } from './token-broker';

/** Ports and settings of the channel. */
export interface CredentialChannelDeps {
  readonly location: ChannelLocation;
  readonly broker: Pick<TokenBroker, 'issue'>;
  /** Our uid (null on Windows). */
  readonly uid: number | null;
  readonly caller: CallerLookup;
  readonly log: Logger;
  /** How long one connection may take to send its request. */
  readonly requestTimeoutMs?: number;
}

function refusal(code: string, message: string): CredentialResponseValue {
  return { ok: false, code, message };
}

/**
 * The console's end of kubectl's credential channel: a Unix domain socket (0600) in an owner-only
 * runtime folder (a named pipe on Windows), and a fresh launch secret in a 0600 file beside it. Each
 * connection sends one JSON line; a malformed request, a wrong secret or a caller of another user is
 * refused with one sentence, nothing is written and no token is sent.
 */
export class CredentialChannel {
  private server: net.Server | undefined;
  private secret: Buffer | undefined;

  /** Creates the channel (nothing is created on disk until `start`). */
  constructor(private readonly deps: CredentialChannelDeps) {}

  /** Creates the folder (or checks an existing one is ours alone), writes the launch secret and listens. */
  async start(): Promise<void> {
    const { location, uid } = this.deps;
    await mkdir(location.dir, { recursive: true, mode: 0o700 });
    await assertPrivate(location.dir, 'folder', uid);
    if (location.kind === 'unix-socket') await this.removeStaleSocket();
    const secret = randomBytes(32);
    await rm(location.secretFile, { force: true });
    const handle = await open(location.secretFile, 'wx', 0o600);
    try {
      await handle.writeFile(secret.toString('hex'), 'utf8');
    } finally {
      await handle.close();
    }
    this.secret = Buffer.from(secret.toString('hex'), 'utf8');
    const server = net.createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(location.endpoint, () => resolve());
    });
    if (location.kind === 'unix-socket') await chmod(location.endpoint, 0o600);
    this.server = server;
    this.deps.log.info('kubectl credential channel listening', { kind: location.kind });
  }

  /** Stops listening and removes the socket and the secret, so a helper run afterwards says "not running". */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.secret = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(this.deps.location.secretFile, { force: true }).catch(() => undefined);
    if (this.deps.location.kind === 'unix-socket') await rm(this.deps.location.endpoint, { force: true }).catch(() => undefined);
  }

  private async removeStaleSocket(): Promise<void> {
    try {
      await assertPrivate(this.deps.location.endpoint, 'socket', this.deps.uid);
    } catch (error) {
      if (error instanceof ChannelError && error.code === 'channel.absent') return;
      throw error;
    }
    await rm(this.deps.location.endpoint, { force: true });
  }

  private serve(socket: net.Socket): void {
    let buffered = Buffer.alloc(0);
    let answered = false;
    const answer = (response: CredentialResponseValue | ExecCredential) => {
      if (answered) return;
      answered = true;
      socket.end(`${JSON.stringify(response)}\n`);
    };
    socket.setTimeout(this.deps.requestTimeoutMs ?? 5_000, () => {
      answer(refusal('channel.timeout', 'the request did not arrive in time'));
      socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf(0x0a);
      if (end < 0 && buffered.length <= MAX_LINE_BYTES) return;
      if (end < 0 || end > MAX_LINE_BYTES) return answer(refusal('channel.malformed', 'the request is too large'));
      void this.handle(buffered.subarray(0, end).toString('utf8')).then(answer);
    });
  }

  private async handle(line: string): Promise<CredentialResponseValue | ExecCredential> {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return refusal('channel.malformed', 'the request is not JSON');
    }
    const parsed = CredentialRequest.safeParse(json);
    if (!parsed.success) return refusal('channel.malformed', `the request is malformed (${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`);
    const request = parsed.data;
    const presented = Buffer.from(request.secret, 'utf8');
    if (!this.secret || presented.length !== this.secret.length || !timingSafeEqual(presented, this.secret)) {
      return refusal('channel.stale_secret', 'the launch secret does not match this console (left over from an earlier run?); run kubectl again');
    }
    try {
      const caller = await this.deps.caller(request.caller);
      const token = await this.deps.broker.issue({ clusterId: request.clusterId, context: request.context, claims: request.claims, caller });
      if (request.reply) return execCredential(request.reply, token.token, token.expiresOn);
      return { ok: true, token: token.token, expiresOn: token.expiresOn };
    } catch (error) {
      if (error instanceof ChannelError || isAppError(error)) return refusal((error as { code: string }).code, error.message);
      this.deps.log.warn('kubectl credential request failed', { error });
      return refusal('kubectl.token_failed', 'the console could not get a token; open the console to see why');
    }
  }
}
