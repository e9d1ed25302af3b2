import tls from 'node:tls';

type SystemCaApi = { getCACertificates?: (type: 'system') => string[] };

/**
 * The OS certificate store as PEM, through the runtime's system-CA support (Node >= 22.15, which
 * Electron's main process has): the Windows ROOT and CA stores, the macOS keychain, OpenSSL's paths
 * on Linux. A runtime without it (Node 20 under the tests) has nothing to add.
 */
export function osCertificateStore(): readonly string[] {
  return (tls as unknown as SystemCaApi).getCACertificates?.('system') ?? [];
}
