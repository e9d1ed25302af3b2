import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHED_BYTES, MAX_ATTACHED_FILES } from '../../../../../src-main/ipc/contract/azure';
import { attachedFileFacts, commandContext, decodeAttachedFiles } from '../../../../../src-main/services/azure/attached-files';

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('attached files of a command invoke', () => {
  it('no files: context is the empty string, as az sends without --file', () => {
    expect(commandContext([])).toBe('');
  });

  it('files become base64 of a zip holding each one under its own name', () => {
    const context = commandContext([{ name: 'ns.yaml', contentBase64: b64('kind: Namespace\n') }, { name: 'run.sh', contentBase64: b64('echo hi\n') }]);
    const files = unzipSync(Buffer.from(context, 'base64'));
    expect(Object.keys(files).sort()).toEqual(['ns.yaml', 'run.sh']);
    expect(Buffer.from(files['ns.yaml']!).toString()).toBe('kind: Namespace\n');
  });

  it('refuses more than the file limit, names equal ignoring case, a total over the byte limit, and broken base64', () => {
    const many = Array.from({ length: MAX_ATTACHED_FILES + 1 }, (_, i) => ({ name: `f${i}`, contentBase64: '' }));
    expect(codeOf(() => decodeAttachedFiles(many))).toBe('azure.attached_files_too_many');
    expect(codeOf(() => decodeAttachedFiles([{ name: 'Deploy.yaml', contentBase64: '' }, { name: 'deploy.YAML', contentBase64: '' }]))).toBe('azure.attached_file_duplicate');
    const half = b64(Buffer.alloc(MAX_ATTACHED_BYTES / 2, 1));
    expect(decodeAttachedFiles([{ name: 'a', contentBase64: half }, { name: 'b', contentBase64: half }])).toHaveLength(2);
    expect(codeOf(() => decodeAttachedFiles([{ name: 'a', contentBase64: half }, { name: 'b', contentBase64: half }, { name: 'c', contentBase64: b64('x') }]))).toBe('azure.attached_files_too_large');
    expect(codeOf(() => decodeAttachedFiles([{ name: 'a', contentBase64: 'abc' }]))).toBe('azure.attached_file_invalid');
    expect(codeOf(() => decodeAttachedFiles([{ name: '../etc/passwd', contentBase64: '' }]))).toBe('azure.attached_file_invalid');
  });

  it('facts for the audit log are name, decoded size and SHA-256, never the contents', () => {
    const facts = attachedFileFacts([{ name: 'secret.yaml', contentBase64: b64('password: hunter2\n') }]);
    expect(facts).toEqual([{ name: 'secret.yaml', bytes: 18, sha256: createHash('sha256').update('password: hunter2\n').digest('hex') }]);
    expect(JSON.stringify(facts)).not.toContain('hunter2');
  });
});
