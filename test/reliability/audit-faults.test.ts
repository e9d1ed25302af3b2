import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditForwarder, AuditService, type AuditRecord } from '../../src-main/services/audit';
import { NetStack } from '../../src-main/services/net';
import { startConnectProxy } from '../support/connect-proxy';
import { startLogsIngestionStandin } from '../standins/logs-ingestion/server';
import { findSecrets } from './secret-scan';
import { MemoryLogger } from '../support/memory-logger';
import { MemorySecretStore } from '../support/memory-secret-store';

const tally = { faults: 0, recordsWritten: 0, recordsLost: 0, duplicatesForwarded: 0 };
afterAll(() => {
  console.log(`reliability: audit faults injected ${tally.faults}; records written ${tally.recordsWritten}; records lost ${tally.recordsLost}; duplicates forwarded ${tally.duplicatesForwarded}`);
});

const DCR = 'dcr-0123456789abcdef0123456789abcdef';
const STREAM = 'Custom-AksConsoleAudit_CL';

describe('audit log under faults: no record is lost, the chain stays verifiable', () => {
  it('survives a full disk, a vanished keychain and a torn write in one session', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-faults-'));
    const file = path.join(dir, 'audit', 'audit-log.jsonl');
    const secrets = new MemorySecretStore();
    const log = new MemoryLogger();
    const audit = await AuditService.open({ filePath: file, secrets, log, retryMs: 20 });
    const expected: string[] = [];
    const write = async (target: string) => {
      expected.push(target);
      await audit.record({ type: 'tunnel.open', target, details: { accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciJ9.c2lnbmF0dXJlLXZhbHVl' } });
    };
    for (let i = 0; i < 5; i++) await write(`before-${i}`);

    // Disk full: the file now points at /dev/full (every write fails with ENOSPC).
    tally.faults++;
    rmSync(file);
    symlinkSync('/dev/full', file);
    for (let i = 0; i < 5; i++) await write(`disk-full-${i}`);
    expect(audit.health().unwritten).toBe(5);
    unlinkSync(file);
    // The disk is back, but the file lost its content (restored from a backup that has none): the
    // queued records are still written, and verify must say the first five are missing.
    await expect.poll(() => audit.health().unwritten, { timeout: 3000 }).toBe(0);

    // Keychain gone mid-session.
    tally.faults++;
    secrets.unavailable = true;
    for (let i = 0; i < 3; i++) await write(`no-keychain-${i}`);
    expect(audit.health().anchored).toBe(false);
    secrets.unavailable = false;

    // A crash tore the last line of the file.
    tally.faults++;
    appendFileSync(file, '{"seq":99,"time":"2026-');
    for (let i = 0; i < 3; i++) await write(`after-crash-${i}`);

    const written = readFileSync(file, 'utf8');
    const records = written.split('\n').filter(Boolean).flatMap((l) => {
      try {
        return [JSON.parse(l) as AuditRecord];
      } catch {
        return [];
      }
    });
    const targets = records.map((r) => r.target);
    const lost = expected.filter((t) => !t.startsWith('before-') && !targets.includes(t));
    tally.recordsWritten += records.length;
    tally.recordsLost += lost.length;
    expect(lost).toEqual([]);
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 6));
    const report = await audit.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ line: 1, seq: 6, reason: expect.stringMatching(/sequence jumps from 0 to 6/) });
    expect(findSecrets(written + log.lines.join('\n'))).toEqual([]);
    await audit.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards every record exactly once through outages, throttling, a refused token and a dead proxy', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-fwd-faults-'));
    mkdirSync(path.join(dir, 'audit'));
    const standin = await startLogsIngestionStandin({ acceptToken: (t) => t === 'monitor-token' });
    let proxy = await startConnectProxy();
    let proxyUrl = proxy.url;
    const net = NetStack.create({ systemProxy: async () => `PROXY ${new URL(proxyUrl).host}` });
    const log = new MemoryLogger();
    const open = () =>
      AuditService.open({
        filePath: path.join(dir, 'audit', 'audit-log.jsonl'),
        secrets: new MemorySecretStore(),
        log,
        retryMs: 60_000,
        forwarder: new AuditForwarder(
          { endpoint: standin.endpoint, dcrImmutableId: DCR, streamName: STREAM },
          { net, credential: { getToken: async () => ({ token: 'monitor-token', expiresOnTimestamp: Date.now() + 3_600_000 }) }, cursorFile: path.join(dir, 'audit', 'cursor.json'), device: 'paw', log },
        ),
      });
    let audit = await open();
    let n = 0;
    const burst = async (count: number) => {
      for (let i = 0; i < count; i++) await audit.record({ type: 'ssh.open', target: `vm-${++n}` });
      await audit.forward();
    };
    const faults: Array<[string, () => void | Promise<void>]> = [
      ['503', () => void (standin.mode = { kind: 'unavailable' })],
      ['401', () => void (standin.mode = { kind: 'unauthorized' })],
      ['dead proxy', async () => {
        standin.mode = { kind: 'accept' };
        await proxy.close();
      }],
    ];
    for (const [, inject] of faults) {
      tally.faults++;
      await inject();
      await burst(4);
      expect(audit.forwardingStatus().pending).toBeGreaterThan(0);
      // Recover and restart the console, so the spool is read back from disk.
      standin.mode = { kind: 'accept' };
      proxy = await startConnectProxy();
      proxyUrl = proxy.url;
      await audit.dispose();
      audit = await open();
      await audit.forward();
      expect(audit.forwardingStatus()).toMatchObject({ pending: 0, lastError: null });
    }
    tally.faults++;
    standin.mode = { kind: 'throttle', retryAfterSeconds: 1 };
    await burst(3);
    standin.mode = { kind: 'accept' };
    await new Promise((r) => setTimeout(r, 1100));
    await audit.forward();

    const seqs = (standin.rows.get(`${DCR}/${STREAM}`) ?? []).map((r) => r.Seq as number);
    tally.duplicatesForwarded += seqs.length - new Set(seqs).size;
    tally.recordsLost += n - new Set(seqs).size;
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    await audit.dispose();
    net.dispose();
    await proxy.close();
    await standin.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
