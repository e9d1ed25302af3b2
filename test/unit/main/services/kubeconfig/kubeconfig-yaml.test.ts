import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { maskKubeconfig } from '../../../../../src-main/services/kubeconfig/kubeconfig-mask';
import { mergeKubeconfig, tunnelledEntries } from '../../../../../src-main/services/kubeconfig/kubeconfig-yaml';

const FROM_ARM = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: Q0FEQVRB
    server: https://aks-prod-abc123.privatelink.japaneast.azmk8s.io:443
  name: aks-prod
contexts:
- context:
    cluster: aks-prod
    user: clusterUser_rg_aks-prod
    namespace: ops
  name: aks-prod
current-context: aks-prod
users:
- name: clusterUser_rg_aks-prod
  user:
    client-certificate-data: Q0VSVA==
    client-key-data: S0VZU0VDUkVU
    token: 0123456789abcdef
`;

describe('kubeconfig for a tunnel', () => {
  it('points the cluster at the local tunnel port and keeps the certificate name as tls-server-name', () => {
    const entries = tunnelledEntries(FROM_ARM, 'prod-via-jump', 41001);
    expect(entries.serverName).toBe('aks-prod-abc123.privatelink.japaneast.azmk8s.io');
    expect(entries.cluster).toEqual({
      name: 'prod-via-jump',
      cluster: { 'certificate-authority-data': 'Q0FEQVRB', server: 'https://127.0.0.1:41001', 'tls-server-name': 'aks-prod-abc123.privatelink.japaneast.azmk8s.io' },
    });
    expect(entries.context).toEqual({ name: 'prod-via-jump', context: { cluster: 'prod-via-jump', user: 'prod-via-jump', namespace: 'ops' } });
    expect(entries.user).toMatchObject({ name: 'prod-via-jump', user: { 'client-key-data': 'S0VZU0VDUkVU' } });
  });

  it('refuses a source without a cluster server', () => {
    expect(() => tunnelledEntries('apiVersion: v1\nkind: Config\nclusters: []\n', 'x', 1)).toThrow(expect.objectContaining({ code: 'kubeconfig.invalid_source' }));
    expect(() => tunnelledEntries(': : :\n\t- [', 'x', 1)).toThrow(expect.objectContaining({ code: 'kubeconfig.invalid_source' }));
  });

  it('merges into an existing file: keeps other contexts and comments, replaces same-named entries, keeps current-context', () => {
    const existing = `# my clusters\napiVersion: v1\nkind: Config\ncurrent-context: dev\nclusters:\n- name: dev\n  cluster:\n    server: https://dev:443\ncontexts:\n- name: dev\n  context:\n    cluster: dev\n    user: dev\n- name: prod-via-jump\n  context:\n    cluster: old\n    user: old\nusers:\n- name: dev\n  user:\n    token: devtoken\n`;
    const merged = mergeKubeconfig(existing, tunnelledEntries(FROM_ARM, 'prod-via-jump', 41001));
    expect(merged).toContain('# my clusters');
    const doc = parse(merged) as Record<string, Array<{ name: string; context?: { cluster: string } }>> & { 'current-context': string };
    expect(doc['current-context']).toBe('dev');
    expect(doc.contexts!.map((c) => c.name)).toEqual(['dev', 'prod-via-jump']);
    expect(doc.contexts![1]!.context!.cluster).toBe('prod-via-jump');
    expect(doc.clusters!.map((c) => c.name)).toEqual(['dev', 'prod-via-jump']);
  });

  it('starts a new file with the context as current-context', () => {
    const doc = parse(mergeKubeconfig(undefined, tunnelledEntries(FROM_ARM, 'p', 2))) as Record<string, unknown>;
    expect(doc).toMatchObject({ apiVersion: 'v1', kind: 'Config', 'current-context': 'p' });
  });

  it('refuses to merge into a file that is not a kubeconfig', () => {
    expect(() => mergeKubeconfig('kind: Deployment\napiVersion: apps/v1\n', tunnelledEntries(FROM_ARM, 'p', 2))).toThrow(expect.objectContaining({ code: 'kubeconfig.not_a_kubeconfig' }));
    expect(() => mergeKubeconfig('- a\n- b\n', tunnelledEntries(FROM_ARM, 'p', 2))).toThrow(expect.objectContaining({ code: 'kubeconfig.not_a_kubeconfig' }));
    expect(() => mergeKubeconfig('server:\n  port: 8080\n', tunnelledEntries(FROM_ARM, 'p', 2))).toThrow(expect.objectContaining({ code: 'kubeconfig.not_a_kubeconfig' }));
  });

  it('masks credentials in what the diff shows', () => {
    const masked = maskKubeconfig(FROM_ARM);
    expect(masked).not.toContain('S0VZU0VDUkVU');
    expect(masked).not.toContain('0123456789abcdef');
    expect(masked).toContain('client-key-data: <hidden>');
    expect(masked).toMatch(/certificate-authority-data: <8 characters, sha256 [0-9a-f]{8}>/);
  });
});
