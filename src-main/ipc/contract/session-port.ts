/**
 * The terminal data plane: what travels on a session's port once `ssh.port` (validated by the
 * contract, once) has opened it. These are types, not schemas: a port carries output batches and
 * keystrokes many times a second, so main checks the few fields by hand (`isPortInput`) instead of
 * parsing each message, and the renderer trusts what main sends on a port only main can hold.
 */

/** Main → renderer: one output batch (decoded text and the raw bytes to acknowledge), or a refusal of input. */
export type PortOutput = { readonly data: string; readonly bytes: number } | { readonly refused: { readonly code: string; readonly message: string } };

/**
 * Renderer → main: what one turn of the renderer's event loop produced. Main applies `input`
 * first (keystrokes never wait behind acknowledgements), then `resize`, then `ack`.
 */
export interface PortInput {
  readonly input?: readonly string[];
  readonly resize?: { readonly cols: number; readonly rows: number };
  readonly ack?: number;
}

/** What arrives with a port so the page can match it to the `ssh.port` call that asked for it. */
export interface PortHello {
  readonly sessionId: string;
  readonly nonce: string;
}

/** The Electron channel that carries a new port to the preload, and the key of the window message that takes it to the page. */
export const SESSION_PORT_CHANNEL = 'ssh.port';
/** Key of the window message by which the preload hands a port to the page (`{ [key]: PortHello }`, the port in `ports`). */
export const SESSION_PORT_MESSAGE = 'aksSessionPort';

/** Largest keystroke text one port message may carry (a paste arrives in several). */
export const PORT_MAX_INPUT_CHARS = 1024 * 1024;

/** True when `message` has the shape of a PortInput within its limits (sizes as the contract's ssh.write/ssh.resize/ssh.ack). */
export function isPortInput(message: unknown): message is PortInput {
  if (typeof message !== 'object' || message === null) return false;
  const { input, resize, ack } = message as Record<string, unknown>;
  if (input !== undefined) {
    if (!Array.isArray(input)) return false;
    let chars = 0;
    for (const piece of input) {
      if (typeof piece !== 'string') return false;
      chars += piece.length;
    }
    if (chars > PORT_MAX_INPUT_CHARS) return false;
  }
  if (resize !== undefined) {
    const { cols, rows } = (resize ?? {}) as Record<string, unknown>;
    if (!isIntIn(cols, 2, 1000) || !isIntIn(rows, 1, 500)) return false;
  }
  return ack === undefined || isIntIn(ack, 1, 1 << 30);
}

function isIntIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}
