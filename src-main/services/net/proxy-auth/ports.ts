/** A user name and password for one proxy (NTLM `DOMAIN\user` or `user@domain`, or Basic). */
export interface ProxyCredential {
  readonly username: string;
  readonly password: string;
}

/** Where stored proxy credentials come from (the OS keychain in production; never settings or logs). */
export interface ProxyCredentialsPort {
  get(proxy: URL): Promise<ProxyCredential | null>;
}

/**
 * The OS's Kerberos/SPNEGO: the first token of a security context for a service principal
 * (`HTTP@proxy.corp`), from the operator's ticket cache (GSSAPI) or logon session (SSPI).
 */
export interface KerberosPort {
  initialToken(servicePrincipal: string): Promise<string>;
}
