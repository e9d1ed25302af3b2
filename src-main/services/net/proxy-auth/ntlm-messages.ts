import { createRequire } from 'node:module';

/** What NTLM messages are made from: the user (without domain), the domain, the password. */
export interface NtlmIdentity {
  username: string;
  password: string;
  domain: string;
  workstation: string;
}

type Type2 = Record<string, unknown>;
interface HttpNtlm {
  createType1Message(options: NtlmIdentity): string;
  parseType2Message(header: string, onError: (error: Error) => void): Type2 | null;
  createType3Message(type2: Type2, options: NtlmIdentity): string;
}

let loaded: HttpNtlm | undefined;
function ntlm(): HttpNtlm {
  loaded ??= createRequire(import.meta.url)('httpntlm/ntlm') as HttpNtlm;
  return loaded;
}

/** The NTLM negotiate (type 1) header value, `NTLM <base64>`. */
export function ntlmNegotiate(identity: NtlmIdentity): string {
  return ntlm().createType1Message({ ...identity });
}

/**
 * The NTLM authenticate (type 3) header value answering the proxy's challenge (base64 type 2), or
 * null when the challenge does not parse. NTLMv2 when the challenge carries target info (httpntlm).
 */
export function ntlmAuthenticate(challenge: string, identity: NtlmIdentity): string | null {
  let failed = false;
  const type2 = ntlm().parseType2Message(`NTLM ${challenge}`, () => (failed = true));
  return type2 && !failed ? ntlm().createType3Message(type2, { ...identity }) : null;
}
