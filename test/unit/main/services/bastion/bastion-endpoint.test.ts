import { describe, expect, it } from 'vitest';
import { defaultBastionConfig } from '../../../../../src-main/services/bastion/bastion-config';
import { assertBastionHost, dialTarget, isInBastionDomain } from '../../../../../src-main/services/bastion/bastion-endpoint';

const domains = defaultBastionConfig().hostDomains;

describe('isInBastionDomain', () => {
  it('accepts names inside the public cloud domains, case-insensitively, with a trailing dot', () => {
    for (const host of ['bst-9d89d361.bastion.azure.com', 'omnibrain.uswest.bastionglobal.azure.com', 'BST-1.Bastion.Azure.Com', 'bst-1.bastion.azure.com.']) {
      expect(isInBastionDomain(host, domains)).toBe(true);
    }
  });

  it('refuses lookalikes, the bare domain, other clouds and malformed names', () => {
    for (const host of ['evilbastion.azure.com', 'bastion.azure.com', 'bastion.azure.com.attacker.example', 'bst-1.bastion.azure.cn', '127.0.0.1', 'x..bastion.azure.com', 'bst 1.bastion.azure.com', 'bst-1.bastion.azure.com/x', '']) {
      expect(isInBastionDomain(host, domains)).toBe(false);
    }
  });
});

describe('dialTarget', () => {
  it('refuses a foreign host before building any URL (every REST call and websocket dials through it)', () => {
    const config = { ...defaultBastionConfig(), connectOverrides: { 'bst-1.attacker.example': '127.0.0.1:1' } };
    expect(() => dialTarget(config, 'https', 'bst-1.attacker.example', '/api/tokens')).toThrow(expect.objectContaining({ code: 'bastion.foreign_host' }));
    expect(dialTarget(config, 'wss', 'bst-1.bastion.azure.com', '/webtunnelv2/t').servername).toBe('bst-1.bastion.azure.com');
  });

  it('names the Bastion and the domain in plain words', () => {
    expect(() => assertBastionHost({ hostDomains: ['bastion.azure.com'] }, 'x.example', 'bas-hub')).toThrow(/bas-hub.*x\.example.*bastion\.azure\.com/);
  });
});
