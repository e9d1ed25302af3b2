import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findSecrets } from './secret-scan';

describe('the secret scan the reliability suite relies on', () => {
  it('finds each shape it claims to find, and nothing in ordinary text', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciJ9.c2lnbmF0dXJlLXZhbHVl';
    expect(findSecrets(`token ${jwt}`)).toHaveLength(1);
    expect(findSecrets(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toHaveLength(1);
    expect(findSecrets('Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123')).toHaveLength(1);
    expect(findSecrets('{"refresh_token":"0.AAAAbcdefgh"}')).toHaveLength(1);
    expect(findSecrets('The request is malformed (url: Invalid input).')).toEqual([]);
  });
});
