import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NetStack } from '../../../src-main/services/net';
import { describeStartupFailure } from '../../../src-main/startup-failure';

describe('describeStartupFailure', () => {
  it('turns a CA file that cannot be used into a window that names the file and what to do, in en and ja', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'startup-')), 'proxy-ca.cer');
    writeFileSync(file, Buffer.from('not a certificate at all', 'utf16le'));
    let failure: unknown;
    try {
      NetStack.create({ caBundleFile: file });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    const en = describeStartupFailure(failure, 'en-US', '/logs/main.jsonl');
    expect(en.message).toMatch(/network\.caBundleFile/);
    expect(en.message).toMatch(/PEM \(Base-64\) or DER/);
    expect(en.detail).toContain(file);
    expect(en.detail).toContain('/logs/main.jsonl');
    const ja = describeStartupFailure(failure, 'ja', undefined);
    expect(ja.title).toContain('起動できませんでした');
    expect(ja.message).toContain('証明機関');
  });

  it('words any other failure with the log file to send', () => {
    const other = describeStartupFailure(new Error('EACCES: permission denied, mkdir'), 'en', 'C:\\Users\\山田 太郎\\AppData\\main.jsonl');
    expect(other.message).toMatch(/administrator/);
    expect(other.detail).toContain('EACCES');
    expect(other.detail).toContain('山田 太郎');
  });
});
