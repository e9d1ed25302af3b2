import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { armBastionHostReader, type ArmBastionHostModel } from '../../../../../src-main/services/bastion/arm-host-reader';
import { tunnelModeFor } from '../../../../../src-main/services/bastion/host-policy';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../standins/arm/fixtures/network');

/** The official example as the SDK hands it over: `properties` flattened onto the model. */
function sdkModel(file: string): ArmBastionHostModel {
  const body = (JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as { responses: { 200: { body: Record<string, unknown> } } }).responses[200].body;
  return { ...(body.properties as object), id: body.id as string, name: body.name as string, sku: body.sku as { name: string } };
}

describe('armBastionHostReader', () => {
  it('reads the official Standard example and refuses it because tunneling is off there', async () => {
    const model = sdkModel('BastionHostGet.json');
    const reader = armBastionHostReader({ listBastions: async () => [model] }, () => 'tenant-a');
    const host = await reader.getBastionHost(model.id!.replace('/resourceGroups/rg1/', '/resourcegroups/RG1/'));
    expect(host).toMatchObject({ sku: 'Standard', dnsName: 'bst-9d89d361-100e-4c01-b92d-466548c476dc.bastion.azure.com', enableTunneling: false, tenantId: 'tenant-a' });
    expect(() => tunnelModeFor(host, { kind: 'resource', resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/v', port: 22 })).toThrow(expect.objectContaining({ code: 'bastion.tunneling_disabled' }));
  });

  it('reads the Developer example (no tunneling flag) as a Developer host', async () => {
    const model = sdkModel('BastionHostDeveloperGet.json');
    const host = await armBastionHostReader({ listBastions: async () => [model] }).getBastionHost(model.id!);
    expect(host).toMatchObject({ sku: 'Developer', enableTunneling: false, enableIpConnect: false, dnsName: 'omnibrain.uswest.bastionglobal.azure.com' });
  });

  it('says plainly when the Bastion is missing or the id is not a Bastion id', async () => {
    const reader = armBastionHostReader({ listBastions: async () => [] });
    await expect(reader.getBastionHost('/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/bastionHosts/nope')).rejects.toMatchObject({ code: 'bastion.host_not_found' });
    await expect(reader.getBastionHost('/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/v')).rejects.toMatchObject({ code: 'bastion.invalid_target' });
  });
});
