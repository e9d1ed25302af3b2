/**
 * A throwaway CA and server certificates made with the system's openssl at run time (nothing is
 * committed): the Bastion stand-in serves one, and the client trusts the CA through its CA bundle.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PEM material of a test server identity. */
export interface TestServerIdentity {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** Creates a fresh CA and a server certificate for `hostnames` (DNS SANs; IPs become IP SANs). */
export async function createServerIdentity(hostnames: readonly string[], label = 'aksc bastion stand-in'): Promise<TestServerIdentity> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-pki-'));
  try {
    const p = (name: string) => path.join(dir, name);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    await run('openssl', ['req', '-x509', ...ec, '-days', '2', '-subj', `/CN=${label} CA`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', p('ca.key'), '-out', p('ca.crt')]);
    await run('openssl', ['req', ...ec, '-subj', `/CN=${label}`, '-keyout', p('srv.key'), '-out', p('srv.csr')]);
    const sans = hostnames.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    await writeFile(p('srv.ext'), `subjectAltName=${sans}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n`);
    await run('openssl', ['x509', '-req', '-in', p('srv.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', p('srv.ext'), '-out', p('srv.crt')]);
    return { caPem: await readFile(p('ca.crt'), 'utf8'), certPem: await readFile(p('srv.crt'), 'utf8'), keyPem: await readFile(p('srv.key'), 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
