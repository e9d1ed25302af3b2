import { describe, expect, it } from 'vitest';
import { rankPaths } from '../../../../../src-main/services/access-paths/path-chooser';
import { ids, privateTopology, publicTopology } from './topology-fixture';

const byId = (paths: ReturnType<typeof rankPaths>, id: string) => paths.find((p) => p.id === id)!;

describe('rankPaths', () => {
  it('ranks every scenario, including the guidance-only AVD and ACI paths', () => {
    const paths = rankPaths(privateTopology());
    expect(paths.map((p) => p.id).sort()).toEqual(['aci-ssh', 'avd', 'bastion-apiserver', 'bastion-jumpbox', 'cloud-shell', 'cloud-shell-vnet', 'command-invoke', 'expressroute', 'public-internet', 'ssh-jumpbox', 'vpn']);
    expect(paths.map((p) => p.rank)).toEqual(paths.map((_, i) => i + 1));
    expect(byId(paths, 'avd').guidanceOnly).toBe(true);
    expect(byId(paths, 'aci-ssh').guidanceOnly).toBe(true);
  });

  it('puts Bastion to the jump box first on a healthy hub-spoke, with concrete reasons', () => {
    const paths = rankPaths(privateTopology());
    expect(paths[0]).toMatchObject({ id: 'bastion-jumpbox', availability: 'available', jumpBoxId: ids.jump, bastionId: ids.bastion });
    const text = paths[0]!.reasons.map((r) => r.text).join(' ');
    expect(text).toContain('Bastion bas-hub is Standard with native client on');
    expect(text).toContain('Jump box vm-jump is in vnet-hub, peered Connected both ways');
  });

  it('never proposes an AKS node as the jump box', () => {
    const t = privateTopology();
    t.jumpBoxes = t.jumpBoxes.filter((j) => j.isAksNode);
    expect(byId(rankPaths(t), 'bastion-jumpbox')).toMatchObject({ availability: 'not-applicable', jumpBoxId: null });
  });

  it('marks Bastion paths as available after a fix when tunneling is off, naming the fix', () => {
    const t = privateTopology();
    t.bastions[0] = { ...t.bastions[0]!, enableTunneling: false };
    const path = byId(rankPaths(t), 'bastion-jumpbox');
    expect(path.availability).toBe('available-after-fix');
    expect(path.fixes.map((f) => f.code)).toContain('bastion-tunneling');
  });

  it('reports a disconnected peering and a missing DNS link as fixes', () => {
    const t = privateTopology();
    t.peerings[0] = { ...t.peerings[0]!, state: 'Disconnected' };
    t.dns.links = t.dns.links.filter((l) => l.vnetId !== ids.hub);
    const path = byId(rankPaths(t), 'bastion-jumpbox');
    expect(path.availability).toBe('available-after-fix');
    expect(path.fixes.map((f) => f.code)).toEqual(expect.arrayContaining(['peering-not-connected', 'dns-link']));
    expect(path.fixes.find((f) => f.code === 'peering-not-connected')?.params).toEqual({ peering: 'hub-to-spoke', state: 'Disconnected' });
  });

  it('the API-server variant needs Standard with tunneling, not IP connect (it targets the cluster resource on 443)', () => {
    const path = byId(rankPaths(privateTopology()), 'bastion-apiserver');
    expect(path).toMatchObject({ availability: 'available', fixes: [], bastionId: ids.bastion });
    const t = privateTopology();
    t.bastions[0] = { ...t.bastions[0]!, sku: 'Basic', enableTunneling: false };
    expect(byId(rankPaths(t), 'bastion-apiserver').fixes.map((f) => f.code)).toEqual(['bastion-sku-api-server', 'bastion-tunneling']);
  });

  it('ranks Bastion over direct SSH on a PAW, and direct SSH up when SSH egress is allowed', () => {
    const t = privateTopology();
    t.jumpBoxes[0] = { ...t.jumpBoxes[0]!, publicIp: '198.51.100.20' };
    const paw = rankPaths(t);
    expect(byId(paw, 'ssh-jumpbox').availability).toBe('available-after-fix');
    expect(byId(paw, 'ssh-jumpbox').fixes.map((f) => f.code)).toContain('paw-ssh-blocked');
    expect(byId(paw, 'bastion-jumpbox').rank).toBeLessThan(byId(paw, 'ssh-jumpbox').rank);
    const open = rankPaths(t, { sshEgressAllowed: true });
    expect(byId(open, 'ssh-jumpbox').availability).toBe('available');
  });

  it('a known VPN connection lifts the VPN path above Bastion', () => {
    const t = privateTopology();
    t.gateways = [{ id: ids.vpn, name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: ids.hub }];
    t.peerings[0] = { ...t.peerings[0]!, allowGatewayTransit: true };
    t.peerings[1] = { ...t.peerings[1]!, useRemoteGateways: true };
    const paths = rankPaths(t, { vpnConnected: true });
    expect(paths[0]!.id).toBe('vpn');
    expect(paths[0]!.availability).toBe('available');
  });

  it('asks for gateway transit when the VPN gateway sits in the hub without it', () => {
    const t = privateTopology();
    t.gateways = [{ id: ids.vpn, name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: ids.hub }];
    expect(byId(rankPaths(t), 'vpn').fixes.map((f) => f.code)).toEqual(expect.arrayContaining(['gateway-transit', 'remote-gateways']));
  });

  it('command invoke is a fix away when run command is disabled', () => {
    const t = privateTopology();
    t.cluster = { ...t.cluster, runCommandDisabled: true };
    expect(byId(rankPaths(t), 'command-invoke')).toMatchObject({ availability: 'available-after-fix', fixes: [expect.objectContaining({ code: 'enable-run-command' })] });
  });

  it('public cluster: internet first when the egress IP is inside the ranges; after a fix when outside', () => {
    expect(rankPaths(publicTopology(['203.0.113.0/24']), {}, '203.0.113.10')[0]).toMatchObject({ id: 'public-internet', availability: 'available' });
    const outside = rankPaths(publicTopology(['198.51.100.0/24']), {}, '203.0.113.10');
    expect(byId(outside, 'public-internet')).toMatchObject({ availability: 'available-after-fix', fixes: [expect.objectContaining({ code: 'add-ip-range', params: expect.objectContaining({ ip: '203.0.113.10' }) })] });
    expect(byId(outside, 'bastion-jumpbox').availability).toBe('not-applicable');
  });

  it('mentions the still-published public FQDN of a private cluster', () => {
    const t = privateTopology();
    t.cluster = { ...t.cluster, publicFqdnEnabled: true, fqdn: 'aks-prod.hcp.japaneast.azmk8s.io' };
    expect(byId(rankPaths(t), 'public-internet').reasons.map((r) => r.code)).toContain('public-fqdn-private-ip');
  });
});
