/** Which jump box to probe and how it is reached (the SSH slice opens the session). */
export interface JumpBoxTarget {
  readonly vmId: string;
  readonly vmName: string;
  readonly privateIp: string | null;
  readonly publicIp: string | null;
  readonly pathId: string;
  readonly bastionId: string | null;
}

/**
 * Checks that must run ON the jump box (DNS from its VNet, TCP 443 to the API server, /healthz).
 * The SSH slice implements this over a verified SSH session; until a probe is supplied these checks
 * report `skip` with the reason.
 */
export interface JumpBoxProbe {
  /** Resolves `fqdn` from the jump box (e.g. `getent hosts`), returning the addresses. */
  resolve(target: JumpBoxTarget, fqdn: string, signal: AbortSignal): Promise<string[]>;
  /** Opens TCP to `host:port` from the jump box; resolves with a plain-language detail, rejects when it fails. */
  tcpConnect(target: JumpBoxTarget, host: string, port: number, signal: AbortSignal): Promise<string>;
  /** GETs `url` from the jump box (TLS unverified is acceptable for /healthz) and returns status and body. */
  httpsGet(target: JumpBoxTarget, url: string, signal: AbortSignal): Promise<{ status: number; body: string }>;
}
