import { describe, expect, it } from 'vitest';
import { probeWorkstationReach, rankPaths, withWorkstationReach } from '../../../../../src-main/services/access-paths';
import type { WorkstationProbe } from '../../../../../src-main/services/workstation';
import { ids, privateTopology } from './topology-fixture';

function withVpn() {
  const t = privateTopology();
  t.gateways.push({ id: ids.vpn, name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: ids.hub });
  t.peerings[0] = { ...t.peerings[0]!, allowGatewayTransit: true };
  t.peerings[1] = { ...t.peerings[1]!, useRemoteGateways: true };
  return t;
}

async function vpnCard(probe: WorkstationProbe) {
  const t = withVpn();
  const ranked = rankPaths(t, { vpnConnected: true });
  expect(ranked.find((p) => p.id === 'vpn')!.availability).toBe('available');
  const paths = withWorkstationReach(ranked, await probeWorkstationReach(t, ranked, probe));
  return { paths, vpn: paths.find((p) => p.id === 'vpn')! };
}

describe('VPN/ExpressRoute are ready only when this workstation reaches the VNet', () => {
  it('reached: stays available and says which address, port and interface were checked', async () => {
    const { vpn } = await vpnCard({ route: async () => ({ interface: 'tun0', source: '172.16.201.7' }), connects: async (ip, port) => ip === '10.0.2.4' && port === 22 });
    expect(vpn.availability).toBe('available');
    expect(vpn.reasons.at(-1)).toEqual({ code: 'workstation-reached', text: 'This workstation reached 10.0.2.4:22 via tun0.', params: { ip: '10.0.2.4', port: '22', interface: 'tun0' } });
  });

  it('gateway connected but unreachable from here: no longer available, a fix names the address and the route', async () => {
    const { vpn, paths } = await vpnCard({ route: async () => ({ interface: 'eth0', source: '192.0.2.5' }), connects: async () => false });
    expect(vpn.availability).toBe('available-after-fix');
    expect(vpn.fixes.at(-1)).toMatchObject({ code: 'workstation-unreachable', params: { ip: '10.0.2.4', port: '22', interface: 'eth0' } });
    expect(paths.map((p) => p.rank)).toEqual(paths.map((_, i) => i + 1));
    const firstAfterFix = paths.findIndex((p) => p.availability !== 'available');
    expect(paths.slice(firstAfterFix).every((p) => p.availability !== 'available')).toBe(true);
  });

  it('no route at all: a fix that says so', async () => {
    const { vpn } = await vpnCard({ route: async () => null, connects: async () => false });
    expect(vpn.fixes.at(-1)).toMatchObject({ code: 'workstation-no-route', params: { ip: '10.0.2.4', port: '22' } });
  });

  it('paths that are not VPN/ExpressRoute are not probed or changed', async () => {
    const t = withVpn();
    const ranked = rankPaths(t, {});
    const asked: string[] = [];
    const reach = await probeWorkstationReach(t, ranked, { route: async (ip) => (asked.push(ip), null), connects: async () => false });
    expect([...reach.keys()]).toEqual(['vpn']);
    const after = withWorkstationReach(ranked, reach);
    expect(after.find((p) => p.id === 'bastion-jumpbox')).toEqual(ranked.find((p) => p.id === 'bastion-jumpbox'));
  });
});
