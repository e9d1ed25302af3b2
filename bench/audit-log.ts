/**
 * Audit log cost: records per second through AuditService.record (redact, hash-chain, append with
 * fsync, keychain head) against a baseline of raw appends with fsync of the same lines, measured in
 * the same run; and verify speed over the written log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditService } from '../src-main/services/audit';
import { MemoryLogger } from '../test/support/memory-logger';
import { MemorySecretStore } from '../test/support/memory-secret-store';

const N = Number(process.env.AUDIT_BENCH_RECORDS ?? 2000);
const dir = mkdtempSync(path.join(tmpdir(), 'bench-audit-'));
const event = { type: 'tunnel.close' as const, target: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod', details: { name: 'aks-prod', kind: 'bastion', bytesIn: 123456, bytesOut: 7890, connections: 3 } };

async function baseline(): Promise<number> {
  const line = `${JSON.stringify({ seq: 1, time: new Date().toISOString(), ...event, prev: '0'.repeat(64), hash: 'f'.repeat(64) })}\n`;
  const file = path.join(dir, 'baseline.jsonl');
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    const handle = await open(file, 'a', 0o600);
    await handle.write(line);
    await handle.sync();
    await handle.close();
  }
  return performance.now() - start;
}

async function audited(): Promise<{ ms: number; verifyMs: number }> {
  const audit = await AuditService.open({ filePath: path.join(dir, 'audit.jsonl'), secrets: new MemorySecretStore(), log: new MemoryLogger() });
  const start = performance.now();
  for (let i = 0; i < N; i++) await audit.record(event);
  const ms = performance.now() - start;
  const verifyStart = performance.now();
  const report = await audit.verify();
  const verifyMs = performance.now() - verifyStart;
  if (!report.ok || report.records !== N) throw new Error(`verify failed: ${JSON.stringify(report)}`);
  await audit.dispose();
  return { ms, verifyMs };
}

const base = await baseline();
const { ms, verifyMs } = await audited();
const perSec = (n: number, t: number) => Math.round((n / t) * 1000);
console.log(`records: ${N}`);
console.log(`baseline raw append+fsync: ${perSec(N, base)} lines/s`);
console.log(`AuditService.record:       ${perSec(N, ms)} records/s (${(ms / base).toFixed(2)}x the baseline time)`);
console.log(`verify whole chain:        ${perSec(N, verifyMs)} records/s`);
rmSync(dir, { recursive: true, force: true });
