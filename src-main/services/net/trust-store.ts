import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import { decodeText } from '../storage';

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

/**
 * Reads a CA file as an administrator may have exported it: PEM (one or many, UTF-8 with or without
 * BOM, or UTF-16 as PowerShell writes it) or a single DER certificate (a Windows `.cer` export).
 */
export function readCertificateFile(file: string): string[] {
  const bytes = readFileSync(file);
  const text = decodeText(bytes);
  if (text.includes('-----BEGIN CERTIFICATE-----')) return parsePemBundle(text, file);
  try {
    return [new X509Certificate(bytes).toString()];
  } catch {
    throw new Error(`${file} is not a certificate file (PEM or DER); export the CA again as Base-64 (PEM) or DER .cer`);
  }
}

/** Where the extra trust comes from: a CA file (policy/config), PEM text (tests, glue), the OS store. */
export interface TrustSources {
  readonly caBundleFile?: string | null | undefined;
  readonly extraCaPem?: string | null | undefined;
  /**
   * The OS certificate store as PEM (a port: production reads it through the runtime's system-CA
   * support, which covers the Windows ROOT/CA stores where Intune deploys a proxy's CA).
   */
  readonly systemCertificates?: () => readonly string[];
}

/**
 * The one set of trusted roots every outbound TLS connection uses: Node's bundled roots plus the
 * enterprise bundle (a TLS-inspecting PAW proxy re-signs traffic with its own CA).
 */
export class TrustStore {
  /** Certificates added on top of the defaults (policy or configuration bundle, test PEM). */
  readonly extra: readonly string[];
  /** Certificates taken from the OS store that Node's bundled roots lack. */
  readonly system: readonly string[];
  /** The full list to hand to `tls.connect({ ca })`. */
  readonly ca: readonly string[];
  /** What could not be read but did not stop the store (the OS store), for the workstation check. */
  readonly warnings: readonly string[];

  /** Builds the store; an unreadable or malformed bundle throws rather than silently trusting less. */
  constructor(sources: TrustSources = {}) {
    const extra: string[] = [];
    if (sources.caBundleFile) extra.push(...readCertificateFile(sources.caBundleFile));
    if (sources.extraCaPem) extra.push(...parsePemBundle(sources.extraCaPem));
    const warnings: string[] = [];
    let system: string[] = [];
    try {
      const bundled = new Set(rootCertificates.map((pem) => pem.trim()));
      system = [...new Set((sources.systemCertificates?.() ?? []).map((pem) => pem.trim()))].filter((pem) => !bundled.has(pem));
    } catch (error) {
      warnings.push(`the OS certificate store could not be read (${(error as Error).message}); only the bundled roots and the policy bundle are trusted`);
    }
    this.extra = extra;
    this.system = system;
    this.warnings = warnings;
    this.ca = [...rootCertificates, ...system, ...extra];
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
