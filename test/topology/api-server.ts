/**
 * The spoke's "private AKS API server": HTTPS with a certificate for the private FQDN (signed by the
 * topology's test CA), answering the anonymous endpoints the way kube-apiserver does, so the real
 * kubectl works against it. Started by up.sh inside the spoke namespace.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { listen: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, log: { type: 'string' } } });
const [host, port] = (values.listen ?? '127.0.0.1:6443').split(':');

/** What /version reports; kubectl's version dispatcher picks a client from it. */
const VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4',
  gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
  gitTreeState: 'clean',
  buildDate: '2024-12-10T18:42:53Z',
  goVersion: 'go1.22.9',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function forbidden(path: string): string {
  return JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `forbidden: User "system:anonymous" cannot get path "${path}"`,
    reason: 'Forbidden',
    details: {},
    code: 403,
  });
}

const server = https.createServer({ cert: readFileSync(values.cert!), key: readFileSync(values.key!) }, (req, res) => {
  const url = new URL(req.url ?? '/', 'https://apiserver');
  if (values.log) {
    const sni = (req.socket as TLSSocket).servername || null;
    appendFileSync(values.log, `${JSON.stringify({ t: new Date().toISOString(), method: req.method, path: url.pathname, sni, from: req.socket.remoteAddress })}\n`);
  }
  if (req.method !== 'GET') {
    res.writeHead(405, { 'Content-Type': 'application/json' }).end(forbidden(url.pathname));
  } else if (url.pathname === '/version') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(VERSION, null, 2));
  } else if (url.pathname === '/healthz' || url.pathname === '/readyz' || url.pathname === '/livez') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('ok');
  } else {
    res.writeHead(403, { 'Content-Type': 'application/json' }).end(forbidden(url.pathname));
  }
});
server.listen(Number(port), host, () => process.stdout.write(`api-server listening on ${host}:${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
