import { createRequire } from 'node:module';
import type { KerberosPort } from './ports';

interface KerberosClient {
  step(challenge: string): Promise<string>;
}
interface KerberosModule {
  initializeClient(service: string, options: { mechOID?: unknown }): Promise<KerberosClient>;
  GSS_MECH_OID_SPNEGO: unknown;
}

/**
 * Negotiate through the `kerberos` package (MongoDB's binding, which VS Code's proxy agent uses):
 * MIT/Heimdal GSSAPI on Linux and macOS, SSPI on Windows (where Negotiate falls back to NTLM with the
 * logon session). Loaded on first use so a machine without the native module still starts.
 */
export class GssapiKerberos implements KerberosPort {
  private module: KerberosModule | undefined;

  async initialToken(servicePrincipal: string): Promise<string> {
    this.module ??= createRequire(import.meta.url)('kerberos') as KerberosModule;
    const client = await this.module.initializeClient(servicePrincipal, { mechOID: this.module.GSS_MECH_OID_SPNEGO });
    return client.step('');
  }
}
