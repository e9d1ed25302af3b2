import type { Duplex } from 'node:stream';

/** The algorithm lists a server offers in its first SSH_MSG_KEXINIT (RFC 4253 §7.1). */
export interface ServerOffer {
  readonly kex: readonly string[];
  readonly serverHostKey: readonly string[];
  readonly cipher: readonly string[];
  readonly mac: readonly string[];
  readonly compress: readonly string[];
}

const MAX_BANNER = 8192;
const SSH_MSG_KEXINIT = 20;

/**
 * Parses the server's first KEXINIT from the start of an SSH stream (version line, then one binary
 * packet, both sent in the clear before any key exists). Undefined until the packet is complete, or
 * when the bytes are not an SSH server's opening.
 */
export function parseServerOffer(head: Buffer): ServerOffer | undefined {
  let at = 0;
  // The server may send other lines before its version line (RFC 4253 §4.2).
  for (;;) {
    const end = head.indexOf('\n', at);
    if (end < 0) return undefined;
    const line = head.subarray(at, end).toString('latin1');
    at = end + 1;
    if (line.startsWith('SSH-')) break;
    if (at > MAX_BANNER) return undefined;
  }
  if (head.length < at + 5) return undefined;
  const packetLength = head.readUInt32BE(at);
  if (head.length < at + 4 + packetLength) return undefined;
  const payload = head.subarray(at + 5, at + 4 + packetLength - head[at + 4]!);
  if (payload[0] !== SSH_MSG_KEXINIT) return undefined;
  let p = 17;
  const lists: string[][] = [];
  for (let i = 0; i < 8; i++) {
    if (p + 4 > payload.length) return undefined;
    const length = payload.readUInt32BE(p);
    if (p + 4 + length > payload.length) return undefined;
    const text = payload.subarray(p + 4, p + 4 + length).toString('ascii');
    lists.push(text ? text.split(',') : []);
    p += 4 + length;
  }
  const [kex, serverHostKey, cipher, , mac, , compress] = lists as [string[], string[], string[], string[], string[], string[], string[]];
  return { kex, serverHostKey, cipher, mac, compress };
}

/** Watches a stream's first bytes for the server's KEXINIT; `offer()` is what was seen (if anything). */
export function watchServerOffer(stream: Duplex): { offer(): ServerOffer | undefined; stop(): void } {
  let head = Buffer.alloc(0);
  let offer: ServerOffer | undefined;
  const onData = (chunk: Buffer): void => {
    head = Buffer.concat([head, chunk]);
    offer = parseServerOffer(head);
    if (offer || head.length > MAX_BANNER + 65_536) stop();
  };
  const stop = (): void => {
    stream.off('data', onData);
    head = Buffer.alloc(0);
  };
  stream.on('data', onData);
  return { offer: () => offer, stop };
}
