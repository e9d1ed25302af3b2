import { describe, expect, it } from 'vitest';
import { EgressIpResolver } from '../../../../../src-main/services/azure/egress-ip';
import { AzureConfig } from '../../../../../src-main/services/azure/azure-config';

describe('EgressIpResolver', () => {
  it('defaults to no method: nothing is asked of any service', async () => {
    const config = AzureConfig.parse({});
    expect(config.egressIp).toEqual({ method: 'none' });
    let asked = false;
    const resolver = new EgressIpResolver(config.egressIp, async () => {
      asked = true;
      return '1.2.3.4';
    });
    expect(await resolver.resolve()).toBeNull();
    expect(asked).toBe(false);
  });
  it('uses a fixed address from policy', async () => {
    expect(await new EgressIpResolver({ method: 'fixed', value: '203.0.113.10' }).resolve()).toBe('203.0.113.10');
  });
  it("asks the organisation's echo endpoint and refuses an answer that is not an IP", async () => {
    expect(await new EgressIpResolver({ method: 'url', url: 'https://egress.contoso.example' }, async () => ' 198.51.100.4\n').resolve()).toBe('198.51.100.4');
    await expect(new EgressIpResolver({ method: 'url', url: 'https://egress.contoso.example' }, async () => '<html>').resolve()).rejects.toMatchObject({ code: 'azure.egress_invalid' });
  });
  it('config accepts only https echo endpoints and valid fixed addresses', () => {
    expect(AzureConfig.safeParse({ egressIp: { method: 'url', url: 'http://egress.example' } }).success).toBe(false);
    expect(AzureConfig.safeParse({ egressIp: { method: 'fixed', value: 'nope' } }).success).toBe(false);
  });
});
