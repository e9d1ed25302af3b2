import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A throwaway CA and a loopback server certificate it signed. */
export interface StandInTls {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** Generates a P-256 CA and a certificate for 127.0.0.1 / localhost with openssl (nothing is committed). */
export function makeStandInTls(): StandInTls {
  const dir = mkdtempSync(path.join(tmpdir(), 'entra-tls-'));
  const p = (f: string) => path.join(dir, f);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  try {
    ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '1', '-subj', '/CN=Entra stand-in test CA');
    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('srv.key'), '-out', p('srv.csr'), '-subj', '/CN=localhost');
    writeFileSync(p('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
    ssl('x509', '-req', '-in', p('srv.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('srv.pem'), '-days', '1', '-extfile', p('ext.cnf'));
    return { caPem: readFileSync(p('ca.pem'), 'utf8'), certPem: readFileSync(p('srv.pem'), 'utf8'), keyPem: readFileSync(p('srv.key'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
