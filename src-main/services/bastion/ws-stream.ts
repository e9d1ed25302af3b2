import { Duplex } from 'node:stream';
import type WebSocket from 'ws';

/** Bytes queued in the websocket above which writers are held back. */
const SEND_HIGH_WATER = 1024 * 1024;

/** Callbacks the stream reports to its connection. */
export interface WsStreamHooks {
  onBytesIn(count: number): void;
  onBytesOut(count: number): void;
  /** A frame left our send queue: the path is taking our bytes (pings queued behind them wait too). */
  onSent(): void;
  /** Sending failed: the websocket is broken, whatever its close event will say later. */
  onSendFailed(error: Error): void;
  /** A non-binary message arrived: Bastion carries bytes only, so the tunnel is broken. */
  onProtocolViolation(): void;
  /** The local side ended or destroyed the stream. */
  onLocalEnd(): void;
}

/**
 * A Duplex over an open websocket: every write goes out as unfragmented binary messages of at most
 * `maxFrameBytes`; the socket is paused while the reader lags and writers wait while the send queue is full.
 */
export class WebSocketStream extends Duplex {
  private pendingWrite: ((error?: Error | null) => void) | null = null;

  /** Wraps `ws` (already open). */
  constructor(
    private readonly ws: WebSocket,
    private readonly maxFrameBytes: number,
    private readonly hooks: WsStreamHooks,
  ) {
    super({ allowHalfOpen: false, readableHighWaterMark: 256 * 1024, writableHighWaterMark: 256 * 1024 });
    ws.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
  }

  /** Feeds messages that arrived before this stream existed, in order. */
  replay(messages: ReadonlyArray<[Buffer, boolean]>): void {
    for (const [data, isBinary] of messages) this.receive(data, isBinary);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      this.hooks.onProtocolViolation();
      return;
    }
    this.hooks.onBytesIn(data.length);
    if (!this.push(data)) this.ws.pause();
  }

  override _read(): void {
    if (this.ws.isPaused) this.ws.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.ws.readyState !== this.ws.OPEN) {
      // The websocket is closing; its close event decides the outcome, so late bytes are dropped quietly.
      callback();
      return;
    }
    for (let offset = 0; offset < chunk.length; offset += this.maxFrameBytes) {
      const frame = chunk.subarray(offset, Math.min(chunk.length, offset + this.maxFrameBytes));
      const last = offset + this.maxFrameBytes >= chunk.length;
      this.ws.send(frame, { binary: true, compress: false, fin: true }, (error) => this.afterSend(error, last));
    }
    this.hooks.onBytesOut(chunk.length);
    if (this.ws.bufferedAmount <= SEND_HIGH_WATER) callback();
    else this.pendingWrite = callback;
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.hooks.onLocalEnd();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.releasePending(error ?? new Error('the tunnel closed'));
    this.hooks.onLocalEnd();
    callback(error);
  }

  /** Called by the connection when the websocket has ended cleanly: readers see EOF. */
  endFromRemote(): void {
    this.releasePending(new Error('the tunnel closed'));
    this.push(null);
  }

  private afterSend(error: Error | undefined, last: boolean): void {
    if (!error) this.hooks.onSent();
    if (!last && !error) return;
    if (error) {
      // Report the loss before a waiting writer's error destroys this stream, which would read as a local end.
      this.hooks.onSendFailed(error);
      this.releasePending(error);
      return;
    }
    const pending = this.pendingWrite;
    this.pendingWrite = null;
    pending?.();
  }

  private releasePending(error: Error): void {
    const pending = this.pendingWrite;
    this.pendingWrite = null;
    pending?.(error);
  }
}
