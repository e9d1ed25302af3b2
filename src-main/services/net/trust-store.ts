import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Splits a PEM bundle into certificates, rejecting anything that does not parse as X.509. */
export function parsePemBundle(pem: string, source = 'CA bundle'): string[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error(`${source} holds no PEM certificate`);
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new Error(`${source}: certificate #${index + 1} does not parse (${(error as Error).message})`, { cause: error });
    }
  }
  return blocks;
}

/** Where the extra trust comes from: a PEM file (policy/config) and/or PEM text (tests, glue). */
export interface TrustSources {
  readonly caBundleFile?: string | null | undefined;
  readonly extraCaPem?: string | null | undefined;
}

/**
 * The one set of trusted roots every outbound TLS connection uses: Node's bundled roots plus the
 * enterprise bundle (a TLS-inspecting PAW proxy re-signs traffic with its own CA).
 */
export class TrustStore {
  /** Certificates added on top of the defaults. */
  readonly extra: readonly string[];
  /** The full list to hand to `tls.connect({ ca })`. */
  readonly ca: readonly string[];

  /** Builds the store; an unreadable or malformed bundle throws rather than silently trusting less. */
  constructor(sources: TrustSources = {}) {
    const extra: string[] = [];
    if (sources.caBundleFile) extra.push(...parsePemBundle(readFileSync(sources.caBundleFile, 'utf8'), sources.caBundleFile));
    if (sources.extraCaPem) extra.push(...parsePemBundle(sources.extraCaPem));
    this.extra = extra;
    this.ca = [...rootCertificates, ...extra];
  }

  private context: SecureContext | undefined;

  /**
   * One TLS context holding every trusted root, built once: handing `ca` to each connection would
   * re-parse ~150 certificates per handshake and make every agent key a 200 KB string.
   */
  secureContext(): SecureContext {
    this.context ??= createSecureContext({ ca: [...this.ca] });
    return this.context;
  }

  /** Subjects of the extra certificates, for diagnostics (never key material). */
  describeExtra(): string[] {
    return this.extra.map((pem) => new X509Certificate(pem).subject.replace(/\n/g, ', '));
  }
}
