import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditService, NOT_RECORDED, redactAuditDetails } from '../../../../../src-main/services/audit';
import { MemoryLogger } from '../../../../support/memory-logger';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciJ9.c2lnbmF0dXJlLXZhbHVl';
/** A throwaway private key made for this run (test keys are never committed). */
const PEM = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trimEnd();
const TERMINAL = 'root@jump:~# cat /etc/shadow\nroot:$6$salt$hash';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('audit redaction', () => {
  it('never writes secrets or terminal contents to the log file', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'audit-redact-'));
    const file = path.join(dir, 'audit-log.jsonl');
    const audit = await AuditService.open({ filePath: file, secrets: null, log: new MemoryLogger() });
    await audit.record({
      type: 'command.invoke',
      actor: `op@contoso.example Bearer ${JWT}`,
      target: `aks-1?access_token=${JWT}`,
      details: {
        command: 'kubectl get pods',
        exitCode: 0,
        accessToken: JWT,
        refresh_token: 'RT-opaque-value-123456',
        password: 'hunter2-hunter2',
        privateKey: PEM,
        output: TERMINAL,
        data: Buffer.from(TERMINAL),
        note: `header was Authorization: Bearer ${JWT}`,
        pasted: PEM,
        nested: { clientSecret: 'cs-value-987654', host: 'jump-1' },
        list: [JWT, 'plain'],
        escape: 'name\u001b]0;pwned\u0007 with controls',
      },
    });
    const text = readFileSync(file, 'utf8');
    for (const secret of [JWT, 'RT-opaque-value-123456', 'hunter2-hunter2', PEM.split('\n')[1]!, '/etc/shadow', 'cs-value-987654', '\u001b']) {
      expect(text).not.toContain(secret);
    }
    const details = JSON.parse(text).details as Record<string, unknown>;
    expect(details).toMatchObject({
      command: 'kubectl get pods',
      exitCode: 0,
      accessToken: '[redacted]',
      refresh_token: '[redacted]',
      password: '[redacted]',
      privateKey: '[redacted]',
      output: NOT_RECORDED,
      data: NOT_RECORDED,
      pasted: '[redacted]',
      'nested.clientSecret': '[redacted]',
      'nested.host': 'jump-1',
      list: ['[redacted]', 'plain'],
      escape: 'name]0;pwned with controls',
    });
    expect(await audit.verify()).toMatchObject({ ok: true, records: 1 });
  });

  it('scrubs secrets passed as command arguments but keeps the command readable', () => {
    const out = redactAuditDetails({ command: 'az login --password "p w" --service-principal -u app; export API_TOKEN=xyz; kubectl get secrets -n kube-system' });
    expect(out.command).toBe('az login --password [redacted] --service-principal -u app; export API_TOKEN=[redacted]; kubectl get secrets -n kube-system');
  });

  it('caps sizes and flattens only one level', () => {
    const out = redactAuditDetails({ long: 'x'.repeat(5000), deep: { a: { b: 'hidden' } }, many: Array.from({ length: 100 }, (_, i) => `v${i}`) });
    expect((out.long as string).length).toBeLessThanOrEqual(513);
    expect(out['deep.a']).toBe(NOT_RECORDED);
    expect(out.many).toHaveLength(32);
  });
});
