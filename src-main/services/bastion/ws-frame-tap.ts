import type WebSocket from 'ws';

/** Where the payload bytes of binary messages go, as slices of the socket's own chunks. */
export type PayloadSink = (slice: Buffer) => void;

/** What the tap reads from ws's receiver (ws 8's `_receiver`, a Writable fed by the socket's data handler). */
interface ReceiverLike {
  write(chunk: Buffer): boolean;
}

const enum Mode {
  Header,
  Data,
  Control,
  Passthrough,
}

/** Longest frame header from a server: 2 bytes, 8 of length, no mask. */
const MAX_HEADER = 10;

/**
 * Reads the server's frames before ws's receiver does: the payloads of binary messages (opcode 2 and its
 * continuations) go to a sink as they arrive, as slices of the TLS socket's chunks, instead of being
 * gathered into one new buffer per message (ws copies every message that spans socket reads: most of a
 * 32–64 KiB message stream). Control frames (ping, pong, close) are handed to the receiver whole, so ws
 * keeps answering pings and running the close handshake. Anything else (a text frame, reserved bits, a
 * masked or oversized frame, a stray continuation) hands this and every later byte to the receiver, which
 * reports it as it does today (a text message, or a protocol error that closes the websocket).
 */
export class FrameTap {
  private mode = Mode.Header;
  /** Header bytes gathered so far (a header may span socket reads). */
  private readonly header = Buffer.allocUnsafe(MAX_HEADER);
  private headerLength = 0;
  /** Payload bytes of the current data frame still to come. */
  private remaining = 0;
  /** A binary message whose final frame has not come yet (continuations are ours). */
  private inMessage = false;
  /** A control frame being gathered: its header and payload. */
  private control: Buffer[] = [];
  private controlLeft = 0;

  private constructor(private readonly forward: (chunk: Buffer) => boolean, public sink: PayloadSink) {}

  /**
   * Puts a tap in front of `ws`'s receiver; call it from the `open` event, before any frame is read.
   * Returns undefined when ws's internals are not the ones this was written against (messages then arrive
   * as `message` events, as without the tap).
   */
  static install(ws: WebSocket, sink: PayloadSink): FrameTap | undefined {
    const receiver = (ws as unknown as { _receiver?: ReceiverLike })._receiver;
    if (!receiver || typeof receiver.write !== 'function') return undefined;
    const forward = receiver.write.bind(receiver);
    const tap = new FrameTap(forward, sink);
    receiver.write = (chunk: Buffer) => tap.feed(chunk);
    return tap;
  }

  /** Takes one chunk of the socket; returns what ws's socket handler expects from `receiver.write`. */
  feed(chunk: Buffer): boolean {
    let offset = 0;
    while (offset < chunk.length) {
      switch (this.mode) {
        case Mode.Passthrough:
          return this.forward(offset === 0 ? chunk : chunk.subarray(offset));
        case Mode.Data: {
          const end = Math.min(chunk.length, offset + this.remaining);
          this.remaining -= end - offset;
          this.sink(offset === 0 && end === chunk.length ? chunk : chunk.subarray(offset, end));
          offset = end;
          if (this.remaining === 0) this.mode = Mode.Header;
          break;
        }
        case Mode.Control: {
          const end = Math.min(chunk.length, offset + this.controlLeft);
          this.control.push(chunk.subarray(offset, end));
          this.controlLeft -= end - offset;
          offset = end;
          if (this.controlLeft === 0) this.endControl();
          break;
        }
        case Mode.Header: {
          const rest = this.readHeader(chunk, offset);
          if (rest < 0) return true;
          offset = rest;
          break;
        }
      }
    }
    return true;
  }

  /** Gathers header bytes from `offset`; returns the offset after the header, or -1 if it is not complete. */
  private readHeader(chunk: Buffer, offset: number): number {
    const header = this.header;
    while (this.headerLength < 2) {
      if (offset >= chunk.length) return -1;
      header[this.headerLength++] = chunk[offset++]!;
    }
    const len7 = header[1]! & 0x7f;
    const needed = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0);
    while (this.headerLength < needed) {
      if (offset >= chunk.length) return -1;
      header[this.headerLength++] = chunk[offset++]!;
    }
    const fin = (header[0]! & 0x80) !== 0;
    const opcode = header[0]! & 0x0f;
    const plain = (header[0]! & 0x70) === 0 && (header[1]! & 0x80) === 0;
    let length = len7;
    if (len7 === 126) length = header.readUInt16BE(2);
    else if (len7 === 127) length = header.readUInt32BE(2) * 2 ** 32 + header.readUInt32BE(6);
    const headerLength = this.headerLength;
    this.headerLength = 0;
    const data = plain && Number.isSafeInteger(length) && (opcode === 2 ? !this.inMessage : opcode === 0 && this.inMessage);
    if (data) {
      this.inMessage = !fin;
      this.remaining = length;
      this.mode = length > 0 ? Mode.Data : Mode.Header;
      return offset;
    }
    if (plain && opcode >= 8 && opcode <= 10 && fin && length <= 125) {
      this.control = [Buffer.from(header.subarray(0, headerLength))];
      this.controlLeft = length;
      this.mode = Mode.Control;
      if (length === 0) this.endControl();
      return offset;
    }
    // Not a frame this tap carries: ws's receiver sees it, and everything after it, as it would without the tap.
    this.mode = Mode.Passthrough;
    this.forward(Buffer.from(header.subarray(0, headerLength)));
    return offset;
  }

  private endControl(): void {
    const frame = Buffer.concat(this.control);
    this.control = [];
    this.mode = Mode.Header;
    this.forward(frame);
  }
}
