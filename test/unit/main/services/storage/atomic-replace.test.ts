import { describe, expect, it } from 'vitest';
import { replaceFile } from '../../../../../src-main/services/storage/atomic-replace';
import { decodeText } from '../../../../../src-main/services/storage/text-decoding';

const busy = (code: string) => Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

describe('replaceFile', () => {
  it('retries on Windows while a scanner holds the target (EPERM, EBUSY), then succeeds', async () => {
    const failures = [busy('EPERM'), busy('EBUSY'), busy('EACCES')];
    const calls: string[] = [];
    await replaceFile('a.tmp', 'a', {
      platform: 'win32',
      sleep: async () => undefined,
      renameFile: async (from, to) => {
        calls.push(`${from}->${to}`);
        const next = failures.shift();
        if (next) throw next;
      },
    });
    expect(calls).toHaveLength(4);
  });

  it('gives up after its bound, and never retries elsewhere or for other errors', async () => {
    let tries = 0;
    const always = async () => {
      tries += 1;
      throw busy('EPERM');
    };
    await expect(replaceFile('a.tmp', 'a', { platform: 'win32', sleep: async () => undefined, renameFile: always, maxWaitMs: 100 })).rejects.toThrow('EPERM');
    expect(tries).toBeGreaterThan(1);
    tries = 0;
    await expect(replaceFile('a.tmp', 'a', { platform: 'linux', renameFile: always })).rejects.toThrow('EPERM');
    expect(tries).toBe(1);
    tries = 0;
    await expect(replaceFile('a.tmp', 'a', { platform: 'win32', renameFile: async () => { tries += 1; throw busy('ENOSPC'); } })).rejects.toThrow('ENOSPC');
    expect(tries).toBe(1);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with a BOM and UTF-16 LE/BE as PowerShell writes them', () => {
    const text = 'Host jump\r\n  HostName 10.0.2.4\r\n';
    expect(decodeText(Buffer.from(`\uFEFF${text}`))).toBe(text);
    expect(decodeText(Buffer.from(`\uFEFF${text}`, 'utf16le'))).toBe(text);
    expect(decodeText(Buffer.from(`\uFEFF${text}`, 'utf16le').swap16())).toBe(text);
    expect(decodeText(Buffer.from(text))).toBe(text);
  });
});
