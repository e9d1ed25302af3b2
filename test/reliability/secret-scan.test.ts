import { describe, expect, it } from 'vitest';
import { findSecrets } from './secret-scan';

describe('the secret scan the reliability suite relies on', () => {
  it('finds each shape it claims to find, and nothing in ordinary text', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvciJ9.c2lnbmF0dXJlLXZhbHVl';
    expect(findSecrets(`token ${jwt}`)).toHaveLength(1);
    expect(findSecrets('-----BEGIN OPENSSH PRIVATE KEY-----')).toHaveLength(1);
    expect(findSecrets('Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123')).toHaveLength(1);
    expect(findSecrets('{"refresh_token":"0.AAAAbcdefgh"}')).toHaveLength(1);
    expect(findSecrets('The request is malformed (url: Invalid input).')).toEqual([]);
  });
});
