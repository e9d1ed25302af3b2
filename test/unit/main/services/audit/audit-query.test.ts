import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditService, CHAIN_HEAD_ACCOUNT } from '../../../../../src-main/services/audit';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

let dir: string;
let audit: AuditService;
let secrets: MemorySecretStore;
let now = Date.parse('2026-11-29T08:00:00Z');

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'audit-q-'));
  secrets = new MemorySecretStore();
  audit = await AuditService.open({ filePath: path.join(dir, 'audit-log.jsonl'), secrets, log: new MemoryLogger(), clock: () => new Date((now += 60_000)) });
  await audit.record({ type: 'auth.sign-in', actor: 'alice@contoso.example' });
  await audit.record({ type: 'tunnel.open', actor: 'alice@contoso.example', target: 'aks-prod', details: { bastion: 'bas-hub' } });
  await audit.record({ type: 'hostkey.decision', outcome: 'denied', target: 'jump-1:22', details: { fingerprint: 'SHA256:abc' } });
  await audit.record({ type: 'command.invoke', actor: 'bob@contoso.example', target: '=HYPERLINK("http://x")', details: { command: 'kubectl get ns', exitCode: 1 } });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('audit list and export', () => {
  it('filters by type, outcome, text and time, newest first', async () => {
    expect((await audit.list({ types: ['tunnel.open', 'auth.sign-in'] })).records.map((r) => r.seq)).toEqual([2, 1]);
    expect((await audit.list({ outcome: 'denied' })).records.map((r) => r.type)).toEqual(['hostkey.decision']);
    expect((await audit.list({ text: 'BAS-HUB' })).records.map((r) => r.seq)).toEqual([2]);
    expect((await audit.list({ text: 'bob@' })).matched).toBe(1);
    const third = (await audit.list({})).records.find((r) => r.seq === 3)!;
    expect((await audit.list({ since: third.time })).records.map((r) => r.seq)).toEqual([4, 3]);
    expect((await audit.list({}, 2)).records.map((r) => r.seq)).toEqual([4, 3]);
    expect((await audit.list({}, 10, 3)).records.map((r) => r.seq)).toEqual([2, 1]);
  });

  it('exports CSV with formula-looking cells neutralised, and records the export', async () => {
    const csv = await audit.export({ types: ['command.invoke'] }, 'csv');
    expect(csv.records).toBe(1);
    expect(csv.mimeType).toBe('text/csv');
    expect(csv.content.split('\r\n')[0]).toBe('seq,time,type,outcome,actor,target,details,prev,hash');
    expect(csv.content).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect((await audit.list({ types: ['audit.export'] })).records[0]?.details).toEqual({ format: 'csv', records: 1 });
  });

  it('a full JSONL export verifies with the CLI; a tampered one fails with the first broken line', async () => {
    const exported = await audit.export({}, 'jsonl');
    const file = path.join(dir, 'export.jsonl');
    writeFileSync(file, exported.content);
    const cli = (args: string[]) =>
      promisify(execFile)(path.resolve('node_modules/.bin/tsx'), [path.resolve('scripts/audit-verify.ts'), ...args]).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const head = JSON.parse(secrets.items.get(CHAIN_HEAD_ACCOUNT)!) as { seq: number };
    expect(head.seq).toBe(5);
    expect(await cli([file])).toMatchObject({ code: 0, out: expect.stringMatching(/intact: 4 records, head unavailable/) });
    // The export itself is record 5, written after the content was taken: against the head the export is short.
    expect(await cli([file, '--head', secrets.items.get(CHAIN_HEAD_ACCOUNT)!])).toMatchObject({ code: 1, out: expect.stringMatching(/records 5–5 are missing/) });
    const live = await cli([path.join(dir, 'audit-log.jsonl'), '--head', secrets.items.get(CHAIN_HEAD_ACCOUNT)!]);
    expect(live).toMatchObject({ code: 0, out: expect.stringMatching(/intact: 5 records, head match/) });
    writeFileSync(file, exported.content.replace('kubectl get ns', 'kubectl get po'));
    const bad = await cli([file]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/BROKEN at line 4 \(record 4\).*edited/);
  }, 30_000);
});
