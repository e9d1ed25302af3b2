/** The stand-in's data path for one websocket: relays bytes to the upstream and applies faults. */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { LiveSession, SessionFault, SessionRecord, StandInFaults } from './standin-types';

const SEND_HIGH_WATER = 1024 * 1024;

/** Relays one accepted websocket to its upstream. */
export class RelaySession implements LiveSession {
  private stalled = false;
  private faultApplied = false;
  private sizeIndex = 0;
  private ping: NodeJS.Timeout | undefined;

  /** Starts relaying between `ws` and `upstream` under the current fault knobs. */
  constructor(
    readonly record: SessionRecord,
    private readonly ws: WebSocket,
    private readonly upstream: Duplex,
    private readonly faults: StandInFaults,
    private readonly onEnd: () => void,
    early: ReadonlyArray<[Buffer, boolean]> = [],
  ) {
    for (const [data, isBinary] of early) this.fromClient(data, isBinary);
    ws.on('message', (data: Buffer, isBinary: boolean) => this.fromClient(data, isBinary));
    ws.on('close', () => this.end('client'));
    ws.on('error', () => this.end('client'));
    upstream.on('data', (chunk: Buffer) => this.toClient(chunk));
    upstream.on('end', () => this.closeWith(1000, 'upstream'));
    upstream.on('close', () => this.closeWith(1000, 'upstream'));
    upstream.on('error', () => this.closeWith(1011, 'upstream'));
    if (faults.pingIntervalMs > 0) {
      this.ping = setInterval(() => {
        if (!this.stalled && ws.readyState === ws.OPEN) ws.ping();
      }, faults.pingIntervalMs);
    }
    upstream.resume();
    if (faults.sessionFault && faults.faultAfterBytes <= 0) this.apply(faults.sessionFault);
  }

  apply(fault: SessionFault): void {
    this.faultApplied = true;
    switch (fault.kind) {
      case 'drop':
        this.markEnded('fault');
        this.ws.terminate();
        this.upstream.destroy();
        break;
      case 'close':
        this.markEnded('fault');
        this.ws.close(fault.code);
        this.upstream.destroy();
        break;
      case 'stall':
        // Stop everything and never close: no data, no pong (the socket is not read any more).
        this.stalled = true;
        this.upstream.pause();
        this.ws.pause();
        break;
      case 'text':
        this.ws.send('this is text, not tunnel bytes', { binary: false });
        break;
    }
  }

  private fromClient(data: Buffer, isBinary: boolean): void {
    if (this.stalled) return;
    if (!isBinary) {
      if (this.faults.strict) this.closeWith(1003, 'fault');
      return;
    }
    this.record.bytesFromClient += data.length;
    if (!this.upstream.write(data)) {
      this.ws.pause();
      this.upstream.once('drain', () => {
        if (!this.stalled) this.ws.resume();
      });
    }
    const { sessionFault, faultAfterBytes } = this.faults;
    if (sessionFault && !this.faultApplied && faultAfterBytes > 0 && this.record.bytesFromClient >= faultAfterBytes) this.apply(sessionFault);
  }

  private toClient(chunk: Buffer): void {
    if (this.stalled || this.ws.readyState !== this.ws.OPEN) return;
    this.record.bytesToClient += chunk.length;
    const sizes = this.faults.messageSizes;
    let offset = 0;
    while (offset < chunk.length) {
      const size = sizes.length ? sizes[this.sizeIndex++ % sizes.length]! : chunk.length;
      const message = chunk.subarray(offset, offset + size);
      offset += message.length;
      this.sendMessage(message);
    }
    if (this.ws.bufferedAmount > SEND_HIGH_WATER) this.upstream.pause();
  }

  private sendMessage(message: Buffer): void {
    const done = () => {
      if (this.ws.bufferedAmount <= SEND_HIGH_WATER && !this.stalled && this.upstream.isPaused()) this.upstream.resume();
    };
    if (this.faults.fragmented && message.length > 1) {
      const half = Math.ceil(message.length / 2);
      this.ws.send(message.subarray(0, half), { binary: true, fin: false });
      this.ws.send(message.subarray(half), { binary: true, fin: true }, done);
    } else {
      this.ws.send(message, { binary: true, fin: true }, done);
    }
  }

  private closeWith(code: number, by: SessionRecord['endedBy']): void {
    this.markEnded(by);
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(code);
  }

  private markEnded(by: SessionRecord['endedBy']): void {
    if (this.record.endedAt === undefined) {
      this.record.endedAt = Date.now();
      this.record.endedBy = by;
    }
  }

  private end(by: SessionRecord['endedBy']): void {
    this.markEnded(by);
    if (this.ping) clearInterval(this.ping);
    this.upstream.destroy();
    this.onEnd();
  }
}
