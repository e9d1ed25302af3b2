/**
 * The net stack's proxy cost: HTTPS request latency (keep-alive) direct vs through the loopback
 * CONNECT proxy, and new-connection latency both ways, measured in the same run.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NetStack } from '../src-main/services/net';
import { startConnectProxy } from '../test/support/connect-proxy';

const N = Number(process.env.NET_BENCH_REQUESTS ?? 400);

function tls(): { ca: string; cert: string; key: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-net-'));
  const p = (f: string) => path.join(dir, f);
  const ssl = (...a: string[]) => execFileSync('openssl', a, { stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '1', '-subj', '/CN=bench CA');
  ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('k.pem'), '-out', p('c.csr'), '-subj', '/CN=localhost');
  writeFileSync(p('ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', p('c.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('c.pem'), '-days', '1', '-extfile', p('ext'));
  const out = { ca: readFileSync(p('ca.pem'), 'utf8'), cert: readFileSync(p('c.pem'), 'utf8'), key: readFileSync(p('k.pem'), 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  return out;
}

const pki = tls();
const server = https.createServer({ cert: pki.cert, key: pki.key }, (_req, res) => res.end('ok'));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const proxy = await startConnectProxy();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Interleaves direct and proxied requests so machine load hits both alike; the first 20 are warm-up. */
async function measure(direct: NetStack, proxied: NetStack, fresh: boolean): Promise<[number[], number[]]> {
  const d: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < N + 20; i++) {
    for (const [net, into] of [[direct, d], [proxied, p]] as const) {
      if (fresh) net.dispose();
      const t = performance.now();
      const res = await net.request(url);
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      if (i >= 20) into.push(performance.now() - t);
    }
  }
  return [d, p];
}

const direct = NetStack.create({ extraCaPem: pki.ca });
const viaProxy = NetStack.create({ proxyUrl: proxy.url, extraCaPem: pki.ca });
for (const [label, fresh] of [['keep-alive', false], ['new connection', true]] as const) {
  const [d, p] = await measure(direct, viaProxy, fresh);
  console.log(`${label}: direct p50 ${percentile(d, 50).toFixed(2)} ms p99 ${percentile(d, 99).toFixed(2)} ms; via CONNECT proxy p50 ${percentile(p, 50).toFixed(2)} ms p99 ${percentile(p, 99).toFixed(2)} ms (${(percentile(p, 50) / percentile(d, 50)).toFixed(2)}x p50)`);
}
console.log(`tunnels opened by the proxy: ${proxy.tunnels.length}`);
direct.dispose();
viaProxy.dispose();
await proxy.close();
server.closeAllConnections();
server.close();
