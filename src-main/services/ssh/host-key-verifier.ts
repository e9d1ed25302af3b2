import { AppError } from '../errors';
import type { AuditRecorder } from '../audit';
import type { Logger } from '../log';
import { fingerprintOfBlob, keyTypeOfBlob } from './host-key';
import type { HostKeyPrompts } from './host-key-prompts';
import type { KnownHostsStore } from './known-hosts-store';

/** Who is connecting where, for one host-key check. */
export interface HostKeyContext {
  /** Names of the server in the store, most specific first (the first is where "always" is saved). */
  readonly hostIds: readonly string[];
  /** What the operator recognises: the address or resource name, and the port. */
  readonly displayHost: string;
  readonly port: number;
  readonly requester: string;
  /** Called when the operator is asked (the caller pauses its handshake timer while they decide). */
  readonly onAsk?: () => void;
  /** Called once the question is settled. */
  readonly onAnswered?: () => void;
}

/** Both fingerprints of a changed host key. */
export interface HostKeyMismatchFacts {
  readonly hostId: string;
  readonly keyType: string;
  readonly presented: string;
  readonly expected: string[];
}

/** A refused host key: an operator-readable AppError that also carries the mismatch, when there is one. */
export class HostKeyRefusedError extends AppError {
  /** Creates the refusal. */
  constructor(code: string, message: string, readonly mismatch?: HostKeyMismatchFacts) {
    super(code, message);
  }
}

/** The result of a host-key check. */
export type HostKeyCheck =
  | { readonly ok: true; readonly fingerprint: string; readonly keyType: string; /** The key is in the store (not accepted for this connection only). */ readonly saved: boolean }
  | { readonly ok: false; readonly error: HostKeyRefusedError };

/**
 * Decides whether a presented host key may be trusted: stored keys pass, a changed or revoked key is
 * refused outright, an unknown key is put to the operator (trust on first use with an explicit
 * fingerprint confirmation). Runs inside ssh2's hostVerifier, i.e. before any credential is sent.
 */
export class HostKeyVerifier {
  /** Creates a verifier over the store and the operator's prompt broker. */
  constructor(
    private readonly store: KnownHostsStore,
    private readonly prompts: HostKeyPrompts,
    private readonly log: Logger,
    private readonly audit?: AuditRecorder,
  ) {}

  private decided(context: HostKeyContext, keyType: string, fingerprint: string, decision: string, accepted: boolean): void {
    void this.audit
      ?.record({ type: 'hostkey.decision', outcome: accepted ? 'success' : 'denied', target: `${context.displayHost}:${context.port}`, details: { hostId: context.hostIds[0] ?? null, keyType, fingerprint, decision } })
      .catch(() => undefined);
  }

  /**
   * Checks the host key of a key re-exchange against the one verified at the session's first exchange,
   * as OpenSSH does: the same key passes silently; any other key, even one the store trusts, ends the
   * session (a server that switches keys mid-session is indistinguishable from an interception).
   */
  verifyRekey(context: HostKeyContext, verified: Buffer, presented: Buffer): HostKeyCheck {
    const expected = `${keyTypeLabel(verified)} ${fingerprintOfBlob(verified)}`;
    const keyType = keyTypeLabel(presented);
    const fingerprint = fingerprintOfBlob(presented);
    if (presented.equals(verified)) return { ok: true, fingerprint, keyType, saved: false };
    this.log.warn('host key changed during the session', { host: context.displayHost, presented: fingerprint, expected });
    this.decided(context, keyType, fingerprint, 'refused-changed-in-session', false);
    return {
      ok: false,
      error: new HostKeyRefusedError(
        'ssh.host_key_changed_in_session',
        `The host key changed during the session with ${context.displayHost}: a key re-exchange presented ${keyType} ${fingerprint}, but the session was verified with ${expected}. ` +
          'The session was ended; nothing more was sent. Someone could be intercepting the connection.',
        { hostId: context.hostIds[0] ?? context.displayHost, keyType, presented: fingerprint, expected: [expected] },
      ),
    };
  }

  /**
   * Adds the host keys a server announced (hostkeys-00@openssh.com) and proved it holds (ssh2 checks each
   * hostkeys-prove-00@openssh.com signature over this session's id) for a host whose key the store
   * vouched for, as OpenSSH's UpdateHostKeys does; each addition is audited. A key revoked for the host is
   * never added. Keys the operator or an earlier rotation stored for exactly this host that the server no
   * longer announces are retired (audited); imported and Azure-read keys stay. An announcement without
   * `sessionKey` (the key this session was verified with) changes nothing. Returns how many keys were added. Never throws.
   */
  async adoptProvenKeys(context: HostKeyContext, blobs: readonly Buffer[], sessionKey?: Buffer): Promise<number> {
    const primary = context.hostIds[0] ?? context.displayHost;
    if (sessionKey && !blobs.some((b) => b.equals(sessionKey))) {
      this.log.warn('server announced host keys without the one this session uses; ignored', { host: context.displayHost });
      return 0;
    }
    let added = 0;
    for (const blob of blobs) {
      try {
        const keyType = keyTypeOfBlob(blob);
        const verdict = await this.store.check(context.hostIds, keyType, blob);
        if (verdict.kind === 'trusted') continue;
        if (verdict.kind === 'revoked') {
          this.log.warn('server announced a revoked host key', { host: context.displayHost, fingerprint: verdict.fingerprint });
          continue;
        }
        await this.store.add(primary, keyType, blob, 'server-rotation');
        this.decided(context, keyType, verdict.fingerprint, 'added-proven-by-server', true);
        this.log.info('host key announced and proven by the server added', { host: context.displayHost, fingerprint: verdict.fingerprint });
        added += 1;
      } catch (error) {
        this.log.warn('an announced host key could not be added', { host: context.displayHost, error: (error as Error).message });
      }
    }
    if (sessionKey) await this.retireUnannounced(context, primary, blobs);
    return added;
  }

  private async retireUnannounced(context: HostKeyContext, primary: string, announced: readonly Buffer[]): Promise<void> {
    try {
      for (const retired of await this.store.retireUnannounced(primary, announced, ['operator', 'server-rotation'])) {
        this.decided(context, retired.keyType, retired.fingerprint, 'retired-not-announced', true);
        this.log.info('host key the server no longer announces retired', { host: context.displayHost, fingerprint: retired.fingerprint });
      }
    } catch (error) {
      this.log.warn('host keys the server no longer announces could not be retired', { host: context.displayHost, error: (error as Error).message });
    }
  }

  /** Checks one presented key blob. Never throws. */
  async verify(context: HostKeyContext, blob: Buffer): Promise<HostKeyCheck> {
    let keyType: string;
    try {
      keyType = keyTypeOfBlob(blob);
    } catch {
      return { ok: false, error: new HostKeyRefusedError('ssh.host_key_malformed', 'The server sent a host key the console cannot read; nothing was sent to it.') };
    }
    const verdict = await this.store.check(context.hostIds, keyType, blob);
    const primary = context.hostIds[0] ?? context.displayHost;
    switch (verdict.kind) {
      case 'trusted':
        return { ok: true, fingerprint: verdict.fingerprint, keyType, saved: true };
      case 'revoked':
        this.log.warn('revoked host key presented', { host: context.displayHost, fingerprint: verdict.fingerprint });
        this.decided(context, keyType, verdict.fingerprint, 'refused-revoked', false);
        return {
          ok: false,
          error: new HostKeyRefusedError('ssh.host_key_revoked', `${context.displayHost} presented a host key marked as revoked (${verdict.fingerprint}). The connection was refused and nothing was sent.`),
        };
      case 'changed':
        this.log.warn('host key changed', { host: context.displayHost, presented: verdict.fingerprint, expected: verdict.expected });
        this.decided(context, keyType, verdict.fingerprint, 'refused-changed', false);
        return {
          ok: false,
          error: new HostKeyRefusedError(
            'ssh.host_key_changed',
            verdict.onceOnly
              ? `WARNING: the host key of ${context.displayHost} has changed since you accepted ${verdict.expected.join(', ')} for one connection earlier. It now presented ${keyType} ${verdict.fingerprint}. ` +
                  'Someone could be intercepting the connection, or the server was rebuilt. The connection was refused and no credential was sent. ' +
                  'Confirm the new key with the server owner; restarting the console forgets keys accepted for one connection.'
              : `WARNING: the host key of ${context.displayHost} has changed. It presented ${keyType} ${verdict.fingerprint}, but the console trusts ${verdict.expected.join(', ')}. ` +
                  'Someone could be intercepting the connection, or the server was rebuilt. The connection was refused and no credential was sent. ' +
                  'Confirm the new key with the server owner, then remove the old key under trusted host keys before connecting again.',
            { hostId: primary, keyType, presented: verdict.fingerprint, expected: verdict.expected },
          ),
        };
      case 'unknown': {
        context.onAsk?.();
        const outcome = await this.prompts.ask({
          hostId: primary,
          host: context.displayHost,
          port: context.port,
          keyType,
          fingerprint: verdict.fingerprint,
          requester: context.requester,
        });
        context.onAnswered?.();
        this.decided(context, keyType, verdict.fingerprint, outcome, outcome === 'accept-once' || outcome === 'accept-always');
        if (outcome === 'accept-once') this.store.rememberAcceptedOnce(primary, keyType, blob);
        if (outcome === 'accept-always') {
          await this.store.add(primary, keyType, blob, 'operator');
          this.log.info('host key trusted by operator', { host: context.displayHost, fingerprint: verdict.fingerprint });
        }
        if (outcome === 'accept-once' || outcome === 'accept-always') return { ok: true, fingerprint: verdict.fingerprint, keyType, saved: outcome === 'accept-always' };
        const why = outcome === 'expired' ? 'the question was not answered in time' : outcome === 'cancelled' ? 'the connection was cancelled' : 'you declined it';
        return {
          ok: false,
          error: new HostKeyRefusedError('ssh.host_key_refused', `The host key of ${context.displayHost} (${keyType} ${verdict.fingerprint}) was not trusted because ${why}. Nothing was sent to the server.`),
        };
      }
    }
  }
}

function keyTypeLabel(blob: Buffer): string {
  try {
    return keyTypeOfBlob(blob);
  } catch {
    return 'unreadable-key';
  }
}
