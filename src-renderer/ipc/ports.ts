/**
 * Receives session data ports. A MessagePort cannot cross the context bridge, so the preload (or
 * the harness's stand-in for it) posts each one to this window with the nonce of the `ssh.port`
 * call that asked for it; a port nobody waits for is closed.
 */
import type { PortHello, SESSION_PORT_MESSAGE } from '../../src-main/ipc/contract';

const KEY: typeof SESSION_PORT_MESSAGE = 'aksSessionPort';
const waiting = new Map<string, (port: MessagePort) => void>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('message', (event) => {
    if (event.source !== window || typeof event.data !== 'object' || event.data === null) return;
    const hello = (event.data as Record<string, unknown>)[KEY] as PortHello | undefined;
    const port = event.ports[0];
    if (!hello || !port) return;
    const take = waiting.get(hello.nonce);
    waiting.delete(hello.nonce);
    if (take) take(port);
    else port.close();
  });
}

/** Waits for the port that arrives with `nonce`; call before the `ssh.port` invoke (the port may come first). */
export function receivePort(nonce: string): { port: Promise<MessagePort>; abandon: () => void } {
  listen();
  return { port: new Promise((resolve) => waiting.set(nonce, resolve)), abandon: () => waiting.delete(nonce) };
}
