import { describe, expect, it } from 'vitest';
import type { BastionHost, VirtualNetwork, VirtualNetworkGateway } from '@azure/arm-network';
import { chooseJitSource, resolveJitSource, type JitSourceArm } from '../../../../../src-main/services/jit';
import type { WorkstationProbe } from '../../../../../src-main/services/workstation';
import { ids, privateTopology } from '../access-paths/topology-fixture';

/** ARM as the stand-in's BastionHostGet / VirtualNetworkGet shapes have it: the host names its subnet; the VNet has the prefix. */
const arm: JitSourceArm = {
  async listBastions() {
    return [{ id: ids.bastion, name: 'bas-hub', ipConfigurations: [{ name: 'IpConf', subnet: { id: `${ids.hub}/subnets/AzureBastionSubnet` } }] }] as BastionHost[];
  },
  async getVnet(id) {
    return { id, subnets: [{ id: `${ids.hub}/subnets/snet-jump`, name: 'snet-jump', addressPrefix: '10.0.2.0/24' }, { id: `${ids.hub}/subnets/AzureBastionSubnet`, name: 'AzureBastionSubnet', addressPrefix: '10.0.1.0/26' }] } as VirtualNetwork;
  },
  async listGateways() {
    return [{ id: ids.vpn, name: 'vgw-hub', vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ['172.16.201.0/24'] } } }] as VirtualNetworkGateway[];
  },
};
const noRoute: WorkstationProbe = { route: async () => null, connects: async () => false };
const viaTun: WorkstationProbe = { route: async () => ({ interface: 'tun0', source: '172.16.201.7' }), connects: async () => true };

function withVpn() {
  const t = privateTopology();
  t.gateways.push({ id: ids.vpn, name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: ids.hub });
  return t;
}

describe('the JIT source main chooses per path', () => {
  it('Bastion: the AzureBastionSubnet prefix read from ARM, never the operator\'s egress IP', async () => {
    const choice = await resolveJitSource(privateTopology(), 'bastion-jumpbox', { arm, workstation: noRoute, egressIp: async () => '203.0.113.10' });
    expect(choice).toEqual({ source: '10.0.1.0/26', code: 'bastion-subnet', params: { prefix: '10.0.1.0/26', bastion: 'bas-hub' } });
  });

  it('Bastion without a reported subnet prefix: no source, a code that asks for the range', async () => {
    const bare: JitSourceArm = { ...arm, getVnet: async (id) => ({ id, subnets: [] }) as VirtualNetwork };
    const choice = await resolveJitSource(privateTopology(), 'bastion-jumpbox', { arm: bare, workstation: noRoute, egressIp: async () => '203.0.113.10' });
    expect(choice).toEqual({ source: null, code: 'bastion-subnet-unknown', params: { bastion: 'bas-hub' } });
  });

  it('VPN: the workstation\'s own address toward the jump box, as the OS routes it', async () => {
    const asked: string[] = [];
    const probe: WorkstationProbe = { ...viaTun, route: async (ip) => (asked.push(ip), viaTun.route(ip)) };
    const choice = await resolveJitSource(withVpn(), 'vpn', { arm, workstation: probe, egressIp: async () => '203.0.113.10' });
    expect(asked).toEqual(['10.0.2.4']);
    expect(choice).toEqual({ source: '172.16.201.7', code: 'workstation-private', params: { ip: '172.16.201.7', interface: 'tun0', target: '10.0.2.4' } });
  });

  it('VPN with no route yet: the gateway\'s client address pool', async () => {
    const choice = await resolveJitSource(withVpn(), 'vpn', { arm, workstation: noRoute, egressIp: async () => '203.0.113.10' });
    expect(choice).toEqual({ source: '172.16.201.0/24', code: 'vpn-client-pool', params: { prefix: '172.16.201.0/24', gateway: 'vgw-hub' } });
  });

  it('direct SSH: the egress IP; ExpressRoute with no route: nothing guessed', () => {
    const base = { bastionSubnet: null, bastionName: null, workstation: null, vpnPool: null };
    expect(chooseJitSource({ ...base, path: 'ssh-jumpbox', egressIp: '203.0.113.10' })).toEqual({ source: '203.0.113.10', code: 'egress-ip', params: { ip: '203.0.113.10' } });
    expect(chooseJitSource({ ...base, path: 'expressroute', egressIp: '203.0.113.10' })).toEqual({ source: null, code: 'on-premises-unknown', params: {} });
    expect(chooseJitSource({ ...base, path: 'ssh-jumpbox', egressIp: null }).code).toBe('egress-unknown');
  });
});
