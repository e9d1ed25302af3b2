import WebSocket from 'ws';
import { AppError } from '../errors';
import { Emitter, type Event } from '../events';
import type { Logger } from '../log';
import type { BastionConfig } from './bastion-config';
import { dialTarget } from './bastion-endpoint';
import { closeProblem, handshakeError, networkError, toProblem } from './bastion-errors';
import type { BastionNet } from './bastion-net';
import type { BastionConnection, TunnelCounters, TunnelProblem, TunnelState, TunnelStateChange } from './bastion-types';
import type { TunnelMode } from './host-policy';
import type { BastionSession, BastionTokenApi } from './token-api';
import { FrameTap } from './ws-frame-tap';
import { WebSocketStream } from './ws-stream';

/** Mints a session for a connection (token + optional data-pod lookup + `/api/tokens`). */
export type SessionMinter = (signal: AbortSignal) => Promise<BastionSession>;

/** What a connection needs from its client. */
export interface TunnelConnectionDeps {
  readonly id: string;
  readonly bastionName: string;
  readonly mode: TunnelMode;
  readonly mint: SessionMinter;
  readonly api: BastionTokenApi;
  readonly net: BastionNet;
  readonly config: BastionConfig;
  readonly log: Logger;
  /** Reports the session's deletion outcome so the client can retry undeleted sessions on quit. */
  readonly onSessionSettled: (session: BastionSession, deleted: boolean) => void;
}

const UNEXPECTED_STATUS = /Unexpected server response: (\d{3})/;

/** `frameMask: 'zero'`: ws then sends each frame's bytes without making a masked copy. */
function zeroMask(mask: Buffer): void {
  mask.fill(0);
}

/**
 * One Bastion session carrying one TCP stream. Its lifecycle guarantees the session is DELETEd
 * exactly once whatever ends it: local close, remote close, loss, or a failed handshake.
 */
export class TunnelConnection implements BastionConnection {
  private currentState: TunnelState = 'connecting';
  private currentProblem: TunnelProblem | undefined;
  private readonly stateChanges = new Emitter<[change: TunnelStateChange]>();
  private session: BastionSession | undefined;
  private ws: WebSocket | undefined;
  private wsStream: WebSocketStream | undefined;
  private bytesIn = 0;
  private bytesOut = 0;
  private lastHeard = Date.now();
  /** When a frame of ours last left the send queue. */
  private lastSent = 0;
  private keepalive: NodeJS.Timeout | undefined;
  private deletion: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private starting: Promise<void> | undefined;
  /** Messages that arrived between the upgrade and the stream taking over. */
  private readonly early: Array<[Buffer, boolean]> = [];
  /** Reads binary payloads off the socket ahead of ws's receiver (absent if ws's internals differ). */
  private tap: FrameTap | undefined;

  /** Creates a connection in `connecting`; call `start()` to negotiate. */
  constructor(private readonly deps: TunnelConnectionDeps) {}

  get id(): string { return this.deps.id; }
  get state(): TunnelState { return this.currentState; }
  get problem(): TunnelProblem | undefined { return this.currentProblem; }

  get stream(): WebSocketStream {
    if (!this.wsStream) throw new AppError('bastion.not_open', 'The tunnel is not open yet.');
    return this.wsStream;
  }

  counters(): TunnelCounters {
    return { bytesIn: this.bytesIn, bytesOut: this.bytesOut };
  }

  /** Every change of its state (connecting, open, then one end). */
  readonly onDidChangeState: Event<[change: TunnelStateChange]> = this.stateChanges.event;

  /** Mints the session and opens the websocket; rejects with a plain AppError (and deletes the session) on failure. */
  start(): Promise<void> {
    this.starting ??= this.negotiate();
    return this.starting;
  }

  private async negotiate(): Promise<void> {
    try {
      this.session = await this.deps.mint(this.abort.signal);
      if (this.currentState !== 'connecting') throw new AppError('bastion.cancelled', 'The tunnel was closed while it was opening.');
      const ws = await this.dial(this.session);
      if (this.currentState !== 'connecting') {
        ws.terminate();
        throw new AppError('bastion.cancelled', 'The tunnel was closed while it was opening.');
      }
      this.attach(ws);
    } catch (error) {
      const cancelled = this.abort.signal.aborted;
      const problem = toProblem(error);
      if (this.currentState === 'connecting') this.finish('failed', problem);
      await this.deleteSession();
      if (cancelled) throw new AppError('bastion.cancelled', 'The tunnel was closed while it was opening.', { cause: error });
      throw error instanceof AppError ? error : new AppError(problem.code, problem.message, { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.currentState === 'connecting') {
      this.abort.abort();
      this.finish('closed');
      // Let the negotiation settle so a session minted meanwhile is known, and deleted below.
      await this.starting?.catch(() => undefined);
    } else if (this.currentState === 'open') {
      this.finish('closed');
      this.ws?.close(1000);
      this.wsStream?.endFromRemote();
      this.wsStream?.destroy();
    }
    await this.deleteSession();
  }

  private async dial(session: BastionSession): Promise<WebSocket> {
    const path = this.deps.mode === 'developer'
      ? `/omni/webtunnel/${encodeURIComponent(session.websocketToken)}`
      : `/webtunnelv2/${encodeURIComponent(session.websocketToken)}?X-Node-Id=${encodeURIComponent(session.nodeId)}`;
    const target = dialTarget(this.deps.config, 'wss', session.endpoint, path);
    const agent = await this.deps.net.agentFor(target.logicalUrl);
    const { config } = this.deps;
    return new Promise<WebSocket>((resolve, reject) => {
      const options: WebSocket.ClientOptions & { servername: string } = {
        agent,
        ca: [...this.deps.net.ca],
        servername: target.servername,
        headers: { Host: target.logicalUrl.host },
        perMessageDeflate: false,
        handshakeTimeout: config.handshakeTimeoutMs,
        maxPayload: 64 * 1024 * 1024,
        skipUTF8Validation: true,
        followRedirects: false,
        ...(config.frameMask === 'zero' ? { generateMask: zeroMask } : {}),
      };
      const ws = new WebSocket(target.url, options);
      ws.binaryType = 'nodebuffer';
      ws.on('message', (data: Buffer, isBinary: boolean) => this.early.push([data, isBinary]));
      ws.on('upgrade', (res) => {
        res.socket.setNoDelay(true);
        res.socket.setKeepAlive(true, Math.max(1000, config.keepaliveIntervalMs || 15_000));
      });
      const onAbort = () => ws.terminate();
      this.abort.signal.addEventListener('abort', onAbort, { once: true });
      ws.once('open', () => {
        // Installed before any frame is read, so the tap starts at a frame boundary.
        this.tap = FrameTap.install(ws, (slice) => this.early.push([slice, true]));
        this.abort.signal.removeEventListener('abort', onAbort);
        ws.removeAllListeners('error');
        resolve(ws);
      });
      ws.once('error', (error) => {
        this.abort.signal.removeEventListener('abort', onAbort);
        const status = UNEXPECTED_STATUS.exec(error.message);
        if (status) reject(handshakeError(Number(status[1]), this.deps.bastionName));
        else if (/handshake has timed out/i.test(error.message)) reject(new AppError('bastion.handshake_timeout', `Bastion ${this.deps.bastionName} did not complete the tunnel handshake within ${Math.round(config.handshakeTimeoutMs / 1000)} s.`, { params: { bastion: this.deps.bastionName } }));
        else if (/Invalid Sec-WebSocket|Server sent|Invalid Upgrade|Invalid WebSocket/i.test(error.message)) reject(new AppError('bastion.handshake_failed', `Bastion ${this.deps.bastionName} answered the tunnel handshake incorrectly (${error.message}).`, { params: { bastion: this.deps.bastionName } }));
        else reject(networkError(error, this.deps.bastionName, 'tunnel'));
      });
    });
  }

  private attach(ws: WebSocket): void {
    this.ws = ws;
    ws.removeAllListeners('message');
    this.lastHeard = Date.now();
    const stream = new WebSocketStream(ws, this.deps.config.maxFrameBytes, {
      onBytesIn: (n) => {
        this.bytesIn += n;
        this.lastHeard = Date.now();
      },
      onBytesOut: (n) => { this.bytesOut += n; },
      onSent: () => { this.lastSent = Date.now(); },
      onSendFailed: (error) => this.lose({ code: 'bastion.dropped', message: `The connection to Bastion ${this.deps.bastionName} failed while sending (${networkError(error, this.deps.bastionName, 'tunnel').message})` }),
      onProtocolViolation: () => this.lose({ code: 'bastion.protocol', message: `Bastion ${this.deps.bastionName} sent a text message on a byte tunnel; the tunnel was closed.` }, 1003),
      onLocalEnd: () => {
        // A closing websocket (Bastion sent its close frame) reports the real reason in its close event.
        if (this.currentState === 'open' && ws.readyState !== WebSocket.CLOSING) void this.close();
      },
    }, this.tap);
    this.wsStream = stream;
    stream.replay(this.early.splice(0));
    ws.on('pong', () => { this.lastHeard = Date.now(); });
    ws.on('ping', () => { this.lastHeard = Date.now(); });
    ws.on('error', (error) => {
      if (this.currentState === 'open') this.lose({ code: 'bastion.dropped', message: `The connection to Bastion ${this.deps.bastionName} failed (${networkError(error, this.deps.bastionName, 'tunnel').message})` });
    });
    ws.on('close', (code) => {
      this.stopKeepalive();
      if (this.currentState !== 'open') return;
      const problem = closeProblem(code, this.deps.bastionName);
      if (problem) this.lose(problem);
      else {
        this.finish('closed');
        stream.endFromRemote();
        void this.deleteSession();
      }
    });
    this.startKeepalive();
    this.finish('open');
  }

  private startKeepalive(): void {
    const { keepaliveIntervalMs, deadPeerTimeoutMs, queuedSilenceTimeoutMs } = this.deps.config;
    if (keepaliveIntervalMs <= 0) return;
    const tick = Math.min(keepaliveIntervalMs, Math.max(50, Math.floor(deadPeerTimeoutMs / 3)));
    let lastTick = Date.now();
    this.keepalive = setInterval(() => {
      const now = Date.now();
      const starved = now - lastTick > tick * 2;
      lastTick = now;
      // A closing websocket ends in its close event (bounded by ws's close timeout), with Bastion's real reason.
      if (this.ws?.readyState !== WebSocket.OPEN) return;
      if (starved || this.ws.isPaused) {
        // Our own event loop was starved, or we stopped reading (the local reader lags): silence is ours,
        // not the peer's. Unread data proves the peer alive, and its pongs wait behind it.
        this.lastHeard = now;
        return;
      }
      // With bytes of ours still queued, our ping waits behind them (a saturated upload): allow the longer
      // limit, counted from the last frame that left the queue. A peer that stops reading stops the queue.
      const queued = this.ws.bufferedAmount > 0;
      const limit = queued ? Math.max(deadPeerTimeoutMs, queuedSilenceTimeoutMs) : deadPeerTimeoutMs;
      if (now - Math.max(this.lastHeard, queued ? this.lastSent : 0) > limit) {
        this.lose({ code: 'bastion.unresponsive', message: `Bastion ${this.deps.bastionName} stopped responding; no data or keepalive answer for ${Math.round(limit / 100) / 10} s.` });
        return;
      }
      // Data heard within the last tick already proves the peer alive: a busy tunnel pays for no pings.
      if (now - this.lastHeard >= tick) this.ws.ping();
    }, tick);
    this.keepalive.unref();
  }

  private stopKeepalive(): void {
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = undefined;
  }

  private lose(problem: TunnelProblem, closeCode?: number): void {
    if (this.currentState !== 'open') return;
    this.stopKeepalive();
    this.finish('lost', problem);
    if (closeCode && this.ws?.readyState === WebSocket.OPEN) {
      this.ws.close(closeCode);
      setTimeout(() => this.ws?.terminate(), 1000).unref();
    } else this.ws?.terminate();
    this.wsStream?.destroy(new AppError(problem.code, problem.message));
    void this.deleteSession();
  }

  private finish(state: TunnelState, problem?: TunnelProblem): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.currentProblem = problem;
    if (state !== 'open' && state !== 'connecting') this.stopKeepalive();
    this.deps.log.info('bastion tunnel state', { connection: this.id, state, ...(problem ? { problem: problem.code } : {}) });
    this.stateChanges.fire(problem ? { state, problem } : { state });
  }

  private deleteSession(): Promise<void> {
    if (!this.session) return Promise.resolve();
    if (!this.deletion) {
      const session = this.session;
      this.deletion = this.deps.api.deleteSession(session, this.deps.bastionName).then(
        () => this.deps.onSessionSettled(session, true),
        (error: unknown) => {
          this.deps.log.warn('bastion session delete failed', { connection: this.id, error: toProblem(error).code });
          this.deps.onSessionSettled(session, false);
        },
      );
    }
    return this.deletion;
  }
}
