import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskKubeconfig } from '../../../../../src-main/services/kubeconfig/kubeconfig-mask';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2ln';
const KEY = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVB';

const block = [
  'apiVersion: v1',
  'kind: Config',
  'clusters:',
  '- name: other',
  '  cluster:',
  '    server: https://other.example:443',
  '    certificate-authority-data: Q0EgREFUQSBRUVFRUVFRUVFRUVFRUVFRUVFRUVFRUVFRUVFR',
  'users:',
  '- name: other-admin',
  '  user:',
  `    token: ${TOKEN}`,
  `    client-key-data: ${KEY}`,
  'contexts: []',
  '',
].join('\n');

describe('maskKubeconfig (secrets redacted through the YAML structure)', () => {
  it('masks a CRLF kubeconfig (Windows) as well as an LF one', () => {
    for (const text of [block, block.replace(/\n/g, '\r\n'), `\uFEFF${block.replace(/\n/g, '\r\n')}`]) {
      const masked = maskKubeconfig(text);
      expect(masked).not.toContain(TOKEN);
      expect(masked).not.toContain(KEY);
      expect(masked).toContain('server: https://other.example:443');
    }
  });

  it('masks quoted, flow-style, block-scalar and exec env secrets', () => {
    const styles = [
      `users: [{name: a, user: {token: ${TOKEN}}}]`,
      `users:\n- name: a\n  user:\n    "token": "${TOKEN}"`,
      `users:\n- name: a\n  user:\n    'client-key-data': '${KEY}'`,
      `users:\n- name: a\n  user:\n    token: |\n      ${TOKEN}`,
      `users:\n- name: a\n  user:\n    password: >-\n      ${TOKEN}`,
      `users:\n- name: a\n  user:\n    exec:\n      command: get-token\n      env:\n      - name: SERVICE_KEY\n        value: ${TOKEN}`,
      `users:\n- name: a\n  user:\n    auth-provider:\n      name: oidc\n      config: {id-token: ${TOKEN}, refresh-token: ${KEY}, client-id: x}`,
    ];
    for (const body of styles) {
      const masked = maskKubeconfig(`apiVersion: v1\r\nkind: Config\r\n${body.replace(/\n/g, '\r\n')}\r\n`);
      expect(masked, body).not.toContain(TOKEN);
      expect(masked, body).not.toContain(KEY);
    }
  });

  it('shows nothing of a file it cannot read as YAML', () => {
    const masked = maskKubeconfig(`kind: Config\n  token: ${TOKEN}\n: [\n`);
    expect(masked).not.toContain(TOKEN);
  });

  it('never lets a secret value through, whatever the quoting, style or line ending (property)', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9+/=._-]{12,64}$/);
    const field = fc.constantFrom('token', 'client-key-data', 'password', 'id-token', 'refresh-token', 'access-token', 'client-secret');
    const quote = fc.constantFrom((s: string) => s, (s: string) => `"${s}"`, (s: string) => `'${s}'`);
    const eol = fc.constantFrom('\n', '\r\n');
    const flow = fc.boolean();
    fc.assert(
      fc.property(secret, field, quote, eol, flow, (value, key, q, nl, asFlow) => {
        const user = asFlow ? `users: [{name: u, user: {${key}: ${q(value)}}}]` : `users:${nl}- name: u${nl}  user:${nl}    ${key}: ${q(value)}`;
        const masked = maskKubeconfig(['apiVersion: v1', 'kind: Config', user, ''].join(nl));
        return !masked.includes(value);
      }),
      { numRuns: 300 },
    );
  });
});
