import { describe, expect, it } from 'vitest';
import { MAX_ATTACHED_BYTES, MAX_ATTACHED_FILES } from '../../../../../src-main/ipc/contract/azure';
import { attachmentProblems, formatSize, MAX_FILES, MAX_TOTAL_BYTES, readAttachedFile, toBase64, type AttachedFile } from '../../../../../src-renderer/features/command-invoke/attached-files';

const file = (name: string, size = 1): AttachedFile => ({ name, size, contentBase64: '' });

describe('attached files (renderer checks before sending)', () => {
  it('uses the same limits as the contract', () => {
    expect([MAX_FILES, MAX_TOTAL_BYTES]).toEqual([MAX_ATTACHED_FILES, MAX_ATTACHED_BYTES]);
  });

  it('reports too many files, too many bytes, names equal ignoring case (once) and names the contract refuses', () => {
    expect(attachmentProblems([file('a.yaml'), file('b.yaml')])).toEqual([]);
    expect(attachmentProblems(Array.from({ length: 21 }, (_, i) => file(`f${i}`)))).toEqual([{ kind: 'too-many', count: 21 }]);
    expect(attachmentProblems([file('a', MAX_TOTAL_BYTES), file('b', 1)])).toEqual([{ kind: 'too-large', total: MAX_TOTAL_BYTES + 1 }]);
    expect(attachmentProblems([file('a', MAX_TOTAL_BYTES)])).toEqual([]);
    expect(attachmentProblems([file('Deploy.yaml'), file('deploy.yaml'), file('DEPLOY.YAML')])).toEqual([{ kind: 'duplicate', name: 'deploy.yaml' }]);
    expect(attachmentProblems([file('a:b.txt')])).toEqual([{ kind: 'bad-name', name: 'a:b.txt' }]);
  });

  it('base64 matches the platform encoder, also across the chunk boundary', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 17).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('reads a file into base64, and does not read one larger than the whole allowance', async () => {
    const small = await readAttachedFile(new File(['kind: Namespace\n'], 'ns.yaml'));
    expect(small).toEqual({ name: 'ns.yaml', size: 16, contentBase64: Buffer.from('kind: Namespace\n').toString('base64') });
    let read = false;
    const huge = await readAttachedFile({ name: 'huge.iso', size: MAX_TOTAL_BYTES + 1, arrayBuffer: async () => ((read = true), new ArrayBuffer(0)) });
    expect(huge).toEqual({ name: 'huge.iso', size: MAX_TOTAL_BYTES + 1, contentBase64: null });
    expect(read).toBe(false);
  });

  it('formats sizes in binary units, as the limit is stated', () => {
    expect([formatSize(512), formatSize(1536), formatSize(MAX_TOTAL_BYTES)]).toEqual(['512 B', '1.5 KiB', '2.00 MiB']);
  });
});
