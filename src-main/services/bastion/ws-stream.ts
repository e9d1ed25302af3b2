import { Duplex, type Writable } from 'node:stream';
import type WebSocket from 'ws';
import type { FrameTap } from './ws-frame-tap';

/** Bytes queued in the websocket above which writers are held back. */
const SEND_HIGH_WATER = 1024 * 1024;

/** Bytes gathered for the local socket after which they are written at once rather than at the end of the turn. */
const LOCAL_BATCH = 64 * 1024;

/** One unfragmented binary message per frame (shared: no options object per send). */
const SEND_OPTIONS = { binary: true, compress: false, fin: true } as const;

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
 * The writes queued meanwhile are taken together (`_writev`). The TLS socket is not corked around them
 * (with corking, exit statuses went missing more often: runRemote missed ssh2's 'exit' when the exec's success
 * and the status came in one read, which corking made likelier; fixed in ssh/channel-exit.ts, see
 * topology-hardened.test.ts). Bastion's bytes arrive through a FrameTap
 * as slices of the socket's chunks; the listener has them written straight to its socket (`deliverTo`).
 */
export class WebSocketStream extends Duplex {
  private pendingWrite: ((error?: Error | null) => void) | null = null;
  /** The listener's local socket, when Bastion's bytes are written to it directly (see `deliverTo`). */
  private local: Writable | undefined;
  private localCorked = false;
  private flushScheduled = false;
  private awaitingDrain = false;
  private remoteEnded = false;

  /** Wraps `ws` (already open); with a `tap`, binary payloads arrive through it rather than as messages. */
  constructor(
    private readonly ws: WebSocket,
    private readonly maxFrameBytes: number,
    private readonly hooks: WsStreamHooks,
    tap?: FrameTap,
  ) {
    super({ allowHalfOpen: false, readableHighWaterMark: 256 * 1024, writableHighWaterMark: 256 * 1024 });
    ws.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    if (tap) tap.sink = this.receiveBytes;
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
    this.receiveBytes(data);
  }

  private readonly receiveBytes = (data: Buffer): void => {
    this.hooks.onBytesIn(data.length);
    const local = this.local;
    if (!local) {
      if (!this.push(data)) this.ws.pause();
      return;
    }
    if (local.destroyed) return;
    if (!this.localCorked) {
      // The slices of a burst of socket reads leave together, in one writev per LOCAL_BATCH bytes or at the
      // end of this turn of the event loop, rather than one write each (the local socket only: the TLS
      // socket is never corked, see above).
      this.localCorked = true;
      local.cork();
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flushLocal);
      }
    }
    const room = local.write(data);
    if (local.writableLength >= LOCAL_BATCH) this.uncorkLocal(local);
    if (!room && !this.awaitingDrain) {
      this.awaitingDrain = true;
      this.ws.pause();
      local.once('drain', this.localDrained);
    }
  };

  private uncorkLocal(local: Writable): void {
    if (!this.localCorked) return;
    this.localCorked = false;
    local.uncork();
  }

  private readonly flushLocal = (): void => {
    this.flushScheduled = false;
    if (this.local) this.uncorkLocal(this.local);
  };

  /** The local socket took its queue: the websocket may deliver again. */
  private readonly localDrained = (): void => {
    this.awaitingDrain = false;
    this.ws.resume();
  };

  /**
   * The listener's path: from now on Bastion's bytes are written straight to `socket` as they come off the
   * websocket (the readable side of this stream stays empty), and the websocket is paused while `socket`
   * has more than its high-water mark queued. `endFromRemote` then ends `socket` after its queued bytes.
   */
  deliverTo(socket: Writable): void {
    this.local = socket;
    let chunk: Buffer | null;
    while ((chunk = this.read() as Buffer | null) !== null) socket.write(chunk);
    if (this.remoteEnded) socket.end();
  }

  override _read(): void {
    if (this.ws.isPaused && !this.awaitingDrain) this.ws.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.sendBatch([chunk], callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.sendBatch(chunks.map(({ chunk }) => chunk), callback);
  }

  private sendBatch(chunks: readonly Buffer[], callback: (error?: Error | null) => void): void {
    if (this.ws.readyState !== this.ws.OPEN) {
      // The websocket is closing; its close event decides the outcome, so late bytes are dropped quietly.
      callback();
      return;
    }
    let bytes = 0;
    for (let index = 0; index < chunks.length; index++) {
      const chunk = chunks[index]!;
      const lastChunk = index === chunks.length - 1;
      for (let offset = 0; offset < chunk.length; offset += this.maxFrameBytes) {
        const end = Math.min(chunk.length, offset + this.maxFrameBytes);
        const last = lastChunk && end === chunk.length;
        this.ws.send(chunk.subarray(offset, end), SEND_OPTIONS, last ? this.afterLastSend : this.afterSend);
      }
      bytes += chunk.length;
    }
    this.hooks.onBytesOut(bytes);
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
    this.remoteEnded = true;
    this.push(null);
    if (!this.local) return;
    // Nothing reads this side in the listener's path: flowing lets it emit 'end' (and close) as a pipe would.
    this.resume();
    if (!this.local.writableEnded && !this.local.destroyed) this.local.end();
  }

  /** Completion of a frame that is not the last of its batch. */
  private readonly afterSend = (error?: Error): void => {
    if (error) this.sendFailed(error);
    else this.hooks.onSent();
  };

  /** Completion of a batch's last frame: a writer held back by a full queue may go on. */
  private readonly afterLastSend = (error?: Error): void => {
    if (error) {
      this.sendFailed(error);
      return;
    }
    this.hooks.onSent();
    const pending = this.pendingWrite;
    this.pendingWrite = null;
    pending?.();
  };

  private sendFailed(error: Error): void {
    // Report the loss before a waiting writer's error destroys this stream, which would read as a local end.
    this.hooks.onSendFailed(error);
    this.releasePending(error);
  }

  private releasePending(error: Error): void {
    const pending = this.pendingWrite;
    this.pendingWrite = null;
    pending?.(error);
  }
}
