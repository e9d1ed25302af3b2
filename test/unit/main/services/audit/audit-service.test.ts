import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditService, CHAIN_HEAD_ACCOUNT, hashRecord, type AuditRecord } from '../../../../../src-main/services/audit';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

let dir: string;
let file: string;
let secrets: MemorySecretStore;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'audit-'));
  file = path.join(dir, 'audit', 'audit-log.jsonl');
  secrets = new MemorySecretStore();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (extra: Partial<Parameters<typeof AuditService.open>[0]> = {}) =>
  AuditService.open({ filePath: file, secrets, log: new MemoryLogger(), actor: () => 'op@contoso.example', retryMs: 20, ...extra });

async function writeSome(n: number): Promise<AuditService> {
  const audit = await open();
  for (let i = 1; i <= n; i++) await audit.record({ type: 'ssh.open', target: `jump-${i}:22`, details: { user: 'azureuser', n: i } });
  return audit;
}

const lines = () => readFileSync(file, 'utf8').trimEnd().split('\n');
const save = (l: string[]) => writeFileSync(file, `${l.join('\n')}\n`);

describe('AuditService chain', () => {
  it('appends hash-chained JSON lines and anchors the head in the keychain', async () => {
    const audit = await writeSome(3);
    const records = lines().map((l) => JSON.parse(l) as AuditRecord);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0]!.prev).toBe('0'.repeat(64));
    expect(records[1]!.prev).toBe(records[0]!.hash);
    expect(records[2]!.actor).toBe('op@contoso.example');
    expect(JSON.parse(secrets.items.get(CHAIN_HEAD_ACCOUNT)!)).toEqual({ seq: 3, hash: records[2]!.hash });
    expect(await audit.verify()).toMatchObject({ ok: true, records: 3, anchor: 'match', firstBroken: null });
  });

  it('continues the chain after a restart', async () => {
    await (await writeSome(2)).dispose();
    const again = await open();
    await again.record({ type: 'tunnel.close', details: { bytesIn: 10, bytesOut: 20 } });
    expect(await again.verify()).toMatchObject({ ok: true, records: 3 });
  });

  it('an edited record breaks the chain at that line', async () => {
    const audit = await writeSome(5);
    const l = lines();
    l[2] = l[2]!.replace('jump-3:22', 'jump-9:22');
    save(l);
    expect((await audit.verify()).firstBroken).toMatchObject({ line: 3, seq: 3, reason: expect.stringMatching(/edited/) });
  });

  it('an edited record with a recomputed hash breaks at the next line', async () => {
    const audit = await writeSome(5);
    const l = lines();
    const rec = JSON.parse(l[1]!) as AuditRecord;
    const forged = { ...rec, target: 'elsewhere:22' };
    l[1] = JSON.stringify({ ...forged, hash: hashRecord(forged) });
    save(l);
    expect((await audit.verify()).firstBroken).toMatchObject({ line: 3, seq: 3, reason: expect.stringMatching(/previous record/) });
  });

  it('a deleted record breaks the chain where it was', async () => {
    const audit = await writeSome(5);
    const l = lines();
    l.splice(3, 1);
    save(l);
    expect((await audit.verify()).firstBroken).toMatchObject({ line: 4, seq: 5, reason: expect.stringMatching(/sequence jumps from 3 to 5/) });
  });

  it('truncation is caught by the keychain head', async () => {
    const audit = await writeSome(5);
    save(lines().slice(0, 3));
    const report = await audit.verify();
    expect(report).toMatchObject({ ok: false, anchor: 'truncated', records: 3, firstBroken: { line: 4, reason: expect.stringMatching(/records 4–5 are missing/) } });
  });

  it('a wholesale rewrite with a valid chain is caught by the keychain head', async () => {
    await (await writeSome(3)).dispose();
    const head = secrets.items.get(CHAIN_HEAD_ACCOUNT)!;
    rmSync(file);
    const forger = await AuditService.open({ filePath: file, secrets: new MemorySecretStore(), log: new MemoryLogger() });
    for (let i = 0; i < 3; i++) await forger.record({ type: 'app.start' });
    secrets.items.set(CHAIN_HEAD_ACCOUNT, head);
    expect(await (await open()).verify()).toMatchObject({ ok: false, anchor: 'mismatch', firstBroken: { line: 3 } });
  });

  it('a torn last line is reported, and new records still land on their own lines', async () => {
    const audit = await writeSome(2);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":3,"ti`);
    const reopened = await open();
    await reopened.record({ type: 'app.start' });
    expect(lines()).toHaveLength(4);
    expect((await audit.verify()).firstBroken).toMatchObject({ line: 3, reason: expect.stringMatching(/not JSON/) });
  });

  it('keeps writing when the keychain is gone and says so in verify and health', async () => {
    secrets.unavailable = true;
    const failures: string[] = [];
    const audit = await open();
    audit.onDidFail((m) => failures.push(m));
    await audit.record({ type: 'auth.sign-in' });
    expect(lines()).toHaveLength(1);
    expect(audit.health().anchored).toBe(false);
    expect(failures[0]).toMatch(/keychain/);
    expect(await audit.verify()).toMatchObject({ ok: true, anchor: 'unavailable', records: 1 });
    secrets.unavailable = false;
    await audit.record({ type: 'auth.sign-out' });
    expect(await audit.verify()).toMatchObject({ ok: true, anchor: 'match', records: 2 });
  });

  it('a log whose head vanished from a working keychain does not verify', async () => {
    const audit = await writeSome(2);
    secrets.items.delete(CHAIN_HEAD_ACCOUNT);
    expect(await audit.verify()).toMatchObject({ ok: false, anchor: 'missing' });
  });
});

describe('AuditService on a full disk', () => {
  it('holds records in order while the disk refuses them and writes them all once it accepts', async () => {
    const failures: string[] = [];
    const audit = await open();
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync('/dev/full', file);
    audit.onDidFail((m) => failures.push(m));
    await audit.record({ type: 'tunnel.open', target: 'aks-1' });
    await audit.record({ type: 'tunnel.close', target: 'aks-1' });
    expect(audit.health()).toMatchObject({ unwritten: 2, lastWriteError: expect.stringMatching(/ENOSPC/) });
    expect(failures[0]).toMatch(/cannot be written \(ENOSPC\)/);
    unlinkSync(file);
    await expect.poll(() => audit.health().unwritten, { timeout: 2000 }).toBe(0);
    expect(lines().map((l) => (JSON.parse(l) as AuditRecord).type)).toEqual(['tunnel.open', 'tunnel.close']);
    expect(await audit.verify()).toMatchObject({ ok: true, records: 2, anchor: 'match' });
  });
});
