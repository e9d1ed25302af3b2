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
    // Answered by hand (the server runs with autoPong off): a stalled session reads pings and stays silent.
    ws.on('ping', (data: Buffer) => {
      if (!this.stalled && ws.readyState === ws.OPEN) ws.pong(data);
    });
    // A clean close ends the upstream so client bytes still queued for it are delivered; an abnormal one cuts it.
    ws.on('close', (code: number) => this.end('client', code !== 1006));
    ws.on('error', () => this.end('client', false));
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
    if (faults.sessionFault && faults.faultAfterBytes <= 0 && faults.faultAfterBytesToClient <= 0) this.apply(faults.sessionFault);
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
        // Stop relaying and never close: no data, no pong. The socket is still read, so a client's
        // close frame is seen (and the session ends) as the service would see it.
        this.stalled = true;
        this.upstream.pause();
        this.ws.resume();
        break;
      case 'text':
        this.ws.send('this is text, not tunnel bytes', { binary: false });
        break;
    }
  }

  private fromClient(data: Buffer, isBinary: boolean): void {
    if (this.stalled) return;
    if (!isBinary) {
      // The tunnel carries bytes only: a text frame is a protocol error (1003, unsupported data).
      this.closeWith(1003, 'fault');
      return;
    }
    this.record.bytesFromClient += data.length;
    this.record.clientMessages += 1;
    this.record.largestClientMessage = Math.max(this.record.largestClientMessage, data.length);
    if (!this.upstream.write(data)) {
      this.ws.pause();
      this.upstream.once('drain', () => {
        if (!this.stalled) this.ws.resume();
      });
    }
    this.faultOnCount();
  }

  /** Applies the session fault once either direction's byte count reaches its threshold. */
  private faultOnCount(): void {
    const { sessionFault, faultAfterBytes, faultAfterBytesToClient } = this.faults;
    if (!sessionFault || this.faultApplied) return;
    const fromClient = faultAfterBytes > 0 && this.record.bytesFromClient >= faultAfterBytes;
    const toClient = faultAfterBytesToClient > 0 && this.record.bytesToClient >= faultAfterBytesToClient;
    if (fromClient || toClient) this.apply(sessionFault);
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
    this.faultOnCount();
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

  private end(by: SessionRecord['endedBy'], flush: boolean): void {
    this.markEnded(by);
    if (this.ping) clearInterval(this.ping);
    if (flush && !this.upstream.destroyed) {
      this.upstream.resume();
      this.upstream.end();
      // An upstream that never closes its side is cut once the queued bytes had their chance.
      setTimeout(() => this.upstream.destroy(), 2000).unref();
    } else this.upstream.destroy();
    this.onEnd();
  }
}
