import { describe, expect, it } from 'vitest';
import { AuthConfig } from '../../../../../src-main/services/auth/auth-config';

describe('AuthConfig', () => {
  it('defaults to the Azure public cloud', () => {
    const config = AuthConfig.parse({});
    expect(config).toMatchObject({
      authorityHost: 'https://login.microsoftonline.com',
      signInTenant: 'organizations',
      armEndpoint: 'https://management.azure.com',
      armScope: 'https://management.azure.com/.default',
      aksScope: '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
      deviceCode: 'allowed',
      allowedTenants: [],
    });
  });

  it.each([
    [{ authorityHost: 'http://login.example' }, 'authorityHost'],
    [{ clientId: 'not-a-guid' }, 'clientId'],
    [{ allowedTenants: ['contoso.com'] }, 'allowedTenants'],
    [{ knownAuthorities: ['https://x'] }, 'knownAuthorities'],
    [{ unexpected: true }, ''],
  ])('rejects %j', (input, field) => {
    const parsed = AuthConfig.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path.join('.')).toContain(field);
  });

  it('strips a trailing slash from endpoints', () => {
    expect(AuthConfig.parse({ authorityHost: 'https://127.0.0.1:8443/' }).authorityHost).toBe('https://127.0.0.1:8443');
  });
});
