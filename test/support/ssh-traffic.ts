/**
 * Traffic for SSH tests that must account for every byte: an exec stream from the jump box, a terminal
 * printing a known amount, and data echoed through a tunnel. Used by the re-exchange, hardened-profile
 * and soak tests.
 */
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import type { SessionManager } from '../../src-main/services/sessions/session-manager';
import type { SshConnection } from '../../src-main/services/ssh/ssh-connection';

/**
 * Has the jump box send `bytes` zero bytes over an exec channel in `pieces` parts with a pause after
 * each (so a time limit is crossed too); resolves with what arrived once the channel or connection closes.
 */
export async function streamZeros(connection: SshConnection, bytes: number, pieces = 1): Promise<number> {
  const part = Math.floor(bytes / pieces);
  const command = pieces === 1 ? `head -c ${bytes} /dev/zero` : `for i in $(seq ${pieces}); do head -c ${part} /dev/zero; sleep 0.5; done`;
  const channel = await connection.exec(command);
  return new Promise<number>((resolve) => {
    let received = 0;
    channel.on('data', (chunk: Buffer) => (received += chunk.length));
    channel.stderr.resume();
    channel.on('close', () => resolve(received));
    connection.onDidClose(() => resolve(received));
  });
}

/** Polls until `predicate` holds; the error names what was awaited and what was seen. */
export async function waitUntil(predicate: () => boolean, what: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Makes an open terminal print `count` letters `x` (no line breaks) and a marker, acknowledging output
 * as xterm would; resolves with how many `x` arrived before the marker.
 */
export async function terminalPrints(manager: SessionManager, sessionId: string, count: number, tag: string): Promise<number> {
  let text = '';
  const start = `BEGIN-${tag}-`;
  const marker = `DONE-${tag}-`;
  const off = manager.onDidData((e) => {
    if (e.sessionId !== sessionId) return;
    text += e.data;
    manager.session(sessionId).ack(e.bytes);
  });
  try {
    // The markers are assembled by the shell so the echoed command line never contains them.
    manager.session(sessionId).write(`echo ${start}$((40+2)); head -c ${count} /dev/zero | tr '\\0' x; echo; echo ${marker}$((40+2))\n`);
    const end = `${marker}42`;
    await waitUntil(() => text.includes(end), () => `${end} (${text.length} characters so far, last ${JSON.stringify(text.slice(-80))})`);
    const printed = text.slice(text.indexOf(`${start}42`) + start.length + 2, text.indexOf(end));
    return printed.split('').filter((c) => c === 'x').length;
  } finally {
    off();
  }
}

/** Sends `bytes` random bytes through `localPort` to an echo server and checks what comes back (same length, same hash). */
export function echoThrough(localPort: number, bytes: number): Promise<{ sent: number; received: number; same: boolean }> {
  const payload = randomBytes(bytes);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: localPort });
    const chunks: Buffer[] = [];
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= bytes) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const same = createHash('sha256').update(Buffer.concat(chunks)).digest('hex') === createHash('sha256').update(payload).digest('hex');
      resolve({ sent: bytes, received, same });
    });
    socket.write(payload);
  });
}
