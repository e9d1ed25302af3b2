import { describe, expect, it } from 'vitest';
import { groupFingerprint } from '../../../../../src-renderer/features/host-keys/fingerprint';

describe('fingerprint display', () => {
  it('groups the base64 body in fours after the SHA256 prefix', () => {
    expect(groupFingerprint('SHA256:abcdEFGHijklMN')).toBe('SHA256:abcd EFGH ijkl MN');
    expect(groupFingerprint('abcdef')).toBe('abcd ef');
  });

  it('keeps a leading key type whole, as the trusted keys of a changed-key warning are listed', () => {
    expect(groupFingerprint('ssh-ed25519 SHA256:83wgBWGqR0')).toBe('ssh-ed25519 SHA256:83wg BWGq R0');
  });
});
