import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkSecurityGroup } from '@azure/arm-network';
import { bastionSku, expressRouteCircuit, jitPolicy, jumpBoxAvailability, jumpBoxPublicIp, vpnGateway } from '../../../../../src-main/services/checklist/checks/access-checks';
import { authorizedIpRanges, clusterExposure, notAksNode, runCommand } from '../../../../../src-main/services/checklist/checks/cluster-checks';
import { gatewayTransit, privateDnsLink, privateDnsRecord, vnetPeering } from '../../../../../src-main/services/checklist/checks/network-checks';
import { nsgSshInbound } from '../../../../../src-main/services/checklist/checks/nsg-check';
import { jumpBoxDns, jumpBoxHealthz, jumpBoxTcp } from '../../../../../src-main/services/checklist/checks/probe-checks';
import { sshKeyPlacement } from '../../../../../src-main/services/checklist/checks/ssh-key-check';
import { ALL_CHECKS } from '../../../../../src-main/services/checklist/checks';
import type { JumpBoxProbe } from '../../../../../src-main/services/azure-model/jump-box-probe';
import { AppError } from '../../../../../src-main/services/errors/app-error';
import { ids, privateTopology, publicTopology } from '../access-paths/topology-fixture';
import { coded, fakeContext, saying, words } from './fake-context';
import { peeringBetween } from '../../../../../src-main/services/access-paths/topology-queries';

const nsgId = '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-jump';

function nsg(rules: NetworkSecurityGroup['securityRules']): NetworkSecurityGroup {
  return {
    id: nsgId,
    securityRules: rules,
    defaultSecurityRules: [
      { name: 'AllowVnetInBound', priority: 65000, direction: 'Inbound', access: 'Allow', protocol: '*', sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '*' },
      { name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '*' },
    ],
  };
}

function withNsg() {
  const t = privateTopology();
  t.jumpBoxes[0] = { ...t.jumpBoxes[0]!, subnetNsgId: nsgId };
  return t;
}

describe('every check', () => {
  it('has a unique id, a title and applies to at least one path', () => {
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
    const paths = ['public-internet', 'cloud-shell', 'bastion-jumpbox', 'bastion-apiserver', 'vpn', 'expressroute', 'command-invoke', 'cloud-shell-vnet', 'ssh-jumpbox', 'avd', 'aci-ssh'] as const;
    for (const check of ALL_CHECKS) expect(paths.some((p) => check.appliesTo(p)), check.id).toBe(true);
  });
});

describe('cluster-exposure', () => {
  it('passes a private cluster with the public FQDN disabled', async () => {
    expect((await clusterExposure.run(fakeContext())).status).toBe('pass');
  });
  it('warns when a private cluster still publishes its public FQDN', async () => {
    const t = privateTopology();
    t.cluster = { ...t.cluster, publicFqdnEnabled: true, fqdn: 'x.hcp.japaneast.azmk8s.io' };
    const out = await clusterExposure.run(fakeContext({ topology: t }));
    expect(out).toMatchObject({
      status: 'warn',
      evidence: [coded('cluster.private_api_server', { cluster: 'aks-prod', fqdn: 'aks-prod-1.privatelink.japaneast.azmk8s.io' }), coded('cluster.public_fqdn_published', { fqdn: 'x.hcp.japaneast.azmk8s.io' })],
      remediation: { steps: [coded('cluster.fix_disable_public_fqdn')], az: expect.stringContaining('--disable-public-fqdn') },
    });
  });
  it('fails a private cluster on the internet path', async () => {
    expect(await clusterExposure.run(fakeContext({ path: 'public-internet' }))).toMatchObject({ status: 'fail', evidence: [coded('cluster.private_api_server'), coded('cluster.private_not_from_internet')] });
  });
  it('passes a public cluster', async () => {
    expect((await clusterExposure.run(fakeContext({ topology: publicTopology(), path: 'public-internet' }))).status).toBe('pass');
  });
});

describe('authorized-ip-ranges', () => {
  const run = (ranges: string[], ip: string | null) => authorizedIpRanges.run(fakeContext({ topology: publicTopology(ranges), path: 'public-internet', operatorIp: ip }));
  it('passes when the egress IP is inside a range (CIDR math)', async () => expect((await run(['203.0.113.0/24'], '203.0.113.10')).status).toBe('pass'));
  it('fails outside the ranges and proposes the full new list', async () => {
    const out = await run(['198.51.100.0/24'], '203.0.113.10');
    expect(out.status).toBe('fail');
    expect(out.remediation?.az).toContain('--api-server-authorized-ip-ranges 198.51.100.0/24,203.0.113.10/32');
    expect(out).toMatchObject({ evidence: [coded('authorized_ips.outside', { ip: '203.0.113.10', ranges: '198.51.100.0/24' })], remediation: { steps: [coded('authorized_ips.fix_add', { range: '203.0.113.10/32' })] } });
  });
  it('warns when no ranges restrict the API server', async () => expect((await run([], '203.0.113.10')).status).toBe('warn'));
  it('skips with the reason when the egress IP is unknown', async () => expect(await run(['198.51.100.0/24'], null)).toMatchObject({ status: 'skip', evidence: [coded('authorized_ips.egress_unknown', { ranges: '198.51.100.0/24' })] }));
  it('skips private clusters', async () => expect((await authorizedIpRanges.run(fakeContext({ path: 'public-internet' }))).status).toBe('skip'));
});

describe('run-command', () => {
  it('fails when run command is disabled', async () => {
    const t = privateTopology();
    t.cluster = { ...t.cluster, runCommandDisabled: true };
    expect(await runCommand.run(fakeContext({ topology: t, path: 'command-invoke' }))).toMatchObject({
      status: 'fail',
      evidence: [coded('command_invoke.disabled', { cluster: 'aks-prod', command: 'az aks command invoke', setting: 'apiServerAccessProfile.disableRunCommand = true' })],
      remediation: { steps: [coded('command_invoke.fix_enable')], az: expect.stringContaining('--enable-run-command') },
    });
  });
  it('passes with a running pool and notes the headroom caveat', async () => {
    const out = await runCommand.run(fakeContext({ path: 'command-invoke' }));
    expect(out.status).toBe('pass');
    expect(words(out.evidence)).toContain('free CPU and memory');
    expect(out.evidence).toEqual([coded('command_invoke.enabled'), coded('command_invoke.node_pool', { pool: 'nodepool1', count: '3', size: 'Standard_D4s_v5', power: 'Running', state: 'Succeeded' }), coded('command_invoke.room_unknown', { state: 'Pending' })]);
  });
  it('fails when no pool has running nodes', async () => {
    const out = await runCommand.run(fakeContext({ path: 'command-invoke', managedCluster: { location: 'x', agentPoolProfiles: [{ name: 'p', count: 0 }] } }));
    expect(out.status).toBe('fail');
  });
});

describe('not-aks-node', () => {
  it('passes a jump box outside the node resource group', async () => expect((await notAksNode.run(fakeContext())).status).toBe('pass'));
  it('fails when the only candidate is an AKS node', async () => {
    const t = privateTopology();
    t.jumpBoxes = t.jumpBoxes.filter((j) => j.isAksNode);
    expect(await notAksNode.run(fakeContext({ topology: t }))).toMatchObject({ status: 'fail', evidence: [coded('aks_node.is_node', { resourceGroup: 'MC_rg-spoke_aks-prod_japaneast' })] });
  });
});

describe('vnet-peering', () => {
  it('passes a Connected, FullyInSync peering both ways', async () => expect((await vnetPeering.run(fakeContext())).status).toBe('pass'));
  it('fails a one-way peering and offers the missing side', async () => {
    const t = privateTopology();
    t.peerings = t.peerings.filter((p) => p.name !== 'spoke-to-hub');
    const out = await vnetPeering.run(fakeContext({ topology: t }));
    expect(out.status).toBe('fail');
    expect(out.remediation?.az).toContain('az network vnet peering create --resource-group rg-spoke --vnet-name vnet-spoke');
  });
  it('asks to delete and recreate a Disconnected peering', async () => {
    const t = privateTopology();
    t.peerings[0] = { ...t.peerings[0]!, state: 'Disconnected' };
    expect((await vnetPeering.run(fakeContext({ topology: t }))).remediation?.az).toContain('peering delete');
  });
  it('asks to sync a peering that is not in sync', async () => {
    const t = privateTopology();
    t.peerings[1] = { ...t.peerings[1]!, syncLevel: 'LocalNotInSync' };
    expect((await vnetPeering.run(fakeContext({ topology: t }))).remediation?.az).toContain('peering sync');
  });
  it('skips public clusters', async () => expect((await vnetPeering.run(fakeContext({ topology: publicTopology() }))).status).toBe('skip'));
  it('codes the same evidence the path chooser reads from the peering verdict', async () => {
    const oneWay = privateTopology();
    oneWay.peerings = oneWay.peerings.filter((p) => p.name !== 'spoke-to-hub');
    const disconnected = privateTopology();
    disconnected.peerings[0] = { ...disconnected.peerings[0]!, state: 'Disconnected' };
    for (const t of [privateTopology(), oneWay, disconnected]) {
      const out = await vnetPeering.run(fakeContext({ topology: t }));
      const verdict = peeringBetween(t, ids.hub, ids.spoke);
      expect(out.evidence.slice(0, verdict.evidence.length).map((e) => e.text)).toEqual(verdict.evidence);
      expect(out.evidence.map((e) => e.code)).not.toContain('untranslated');
    }
    expect((await vnetPeering.run(fakeContext({ topology: oneWay }))).evidence).toContainEqual(coded('peering.side_missing', { from: 'vnet-spoke', to: 'vnet-hub' }));
  });
});

describe('gateway-transit', () => {
  const gw = { id: 'gw', name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: ids.hub };
  it('fails without transit flags and names both updates', async () => {
    const t = privateTopology();
    t.gateways = [gw];
    const out = await gatewayTransit.run(fakeContext({ topology: t, path: 'vpn' }));
    expect(out.status).toBe('fail');
    expect(out.remediation?.az).toContain('--set allowGatewayTransit=true');
    expect(out.remediation?.az).toContain('--set useRemoteGateways=true');
    expect(out.evidence).toEqual([
      coded('transit.side_setting', { from: 'vnet-hub', to: 'vnet-spoke', setting: 'allowGatewayTransit', value: 'false' }),
      coded('transit.side_setting', { from: 'vnet-spoke', to: 'vnet-hub', setting: 'useRemoteGateways', value: 'false' }),
    ]);
  });
  it('passes with both flags', async () => {
    const t = privateTopology();
    t.gateways = [gw];
    t.peerings[0] = { ...t.peerings[0]!, allowGatewayTransit: true };
    t.peerings[1] = { ...t.peerings[1]!, useRemoteGateways: true };
    expect((await gatewayTransit.run(fakeContext({ topology: t, path: 'vpn' }))).status).toBe('pass');
  });
});

describe('private-dns-link and private-dns-a-record', () => {
  it('pass on the healthy topology', async () => {
    expect((await privateDnsLink.run(fakeContext())).status).toBe('pass');
    expect((await privateDnsRecord.run(fakeContext())).status).toBe('pass');
  });
  it('fail when the jump-box VNet has no link', async () => {
    const t = privateTopology();
    t.dns.links = t.dns.links.filter((l) => l.vnetId !== ids.hub);
    const out = await privateDnsLink.run(fakeContext({ topology: t }));
    expect(out.status).toBe('fail');
    expect(out.remediation?.az).toContain(`--virtual-network ${ids.hub}`);
  });
  it('warn when the unlinked VNet forwards to custom DNS inside a linked VNet; fail when the DNS servers are elsewhere', async () => {
    const t = privateTopology();
    t.dns.links = t.dns.links.filter((l) => l.vnetId !== ids.hub);
    const viaSpoke = await privateDnsLink.run(fakeContext({ topology: t, vnets: { [ids.hub]: { id: ids.hub, dhcpOptions: { dnsServers: ['10.1.5.4'] } } } }));
    expect(viaSpoke).toMatchObject({ status: 'warn', remediation: { steps: [saying('168.63.129.16')] } });
    expect(viaSpoke.remediation?.steps).toEqual([coded('dns.fix_forwarder', { forwarder: '10.1.5.4', azureDns: '168.63.129.16' })]);
    const elsewhere = await privateDnsLink.run(fakeContext({ topology: t, vnets: { [ids.hub]: { id: ids.hub, dhcpOptions: { dnsServers: ['192.168.1.53'] } } } }));
    expect(elsewhere.status).toBe('fail');
    expect(words(elsewhere.evidence)).toContain('192.168.1.53');
    expect(elsewhere.evidence).toContainEqual(coded('dns.custom_servers_unlinked', { servers: '192.168.1.53' }));
  });
  it('warn on privateDNSZone none', async () => {
    const t = privateTopology();
    t.dns.mode = 'none';
    expect((await privateDnsLink.run(fakeContext({ topology: t }))).status).toBe('warn');
  });
  it('fail when the A record is missing or points elsewhere', async () => {
    const missing = privateTopology();
    missing.dns.aRecord = null;
    expect((await privateDnsRecord.run(fakeContext({ topology: missing }))).status).toBe('fail');
    const wrong = privateTopology();
    wrong.dns.aRecord = { name: 'aks-prod-1', ips: ['10.9.9.9'] };
    expect(await privateDnsRecord.run(fakeContext({ topology: wrong }))).toMatchObject({ status: 'fail', remediation: { az: expect.stringContaining('--ipv4-address 10.1.0.4') } });
  });
});

describe('bastion-sku', () => {
  it('passes Standard with tunneling for the jump-box path', async () => expect((await bastionSku.run(fakeContext())).status).toBe('pass'));
  it('fails Basic and proposes the upgrade', async () => {
    const t = privateTopology();
    t.bastions[0] = { ...t.bastions[0]!, sku: 'Basic', enableTunneling: false };
    expect((await bastionSku.run(fakeContext({ topology: t }))).remediation?.az).toMatch(/--sku Standard --enable-tunneling true$/);
  });
  it('passes the direct API-server path without IP connect (the tunnel targets the cluster resource on 443)', async () => {
    expect((await bastionSku.run(fakeContext({ path: 'bastion-apiserver' }))).status).toBe('pass');
  });
  it('fails when there is no Bastion at all', async () => {
    const t = privateTopology();
    t.bastions = [];
    expect((await bastionSku.run(fakeContext({ topology: t }))).status).toBe('fail');
  });
});

describe('nsg-ssh-inbound', () => {
  it('passes when a rule allows 22 from the AzureBastionSubnet prefix', async () => {
    const out = await nsgSshInbound.run(fakeContext({ topology: withNsg(), nsgs: { [nsgId]: nsg([{ name: 'AllowSshFromBastion', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.0.1.0/26', destinationAddressPrefix: '*', destinationPortRange: '22' }]) } }));
    expect(out.status).toBe('pass');
  });
  it('fails when a higher-priority deny wins, naming the rule', async () => {
    const out = await nsgSshInbound.run(
      fakeContext({
        topology: withNsg(),
        nsgs: {
          [nsgId]: nsg([
            { name: 'DenySsh', priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '22' },
            { name: 'AllowSshFromBastion', priority: 200, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefix: '10.0.1.0/26', destinationAddressPrefix: '*', destinationPortRange: '22' },
          ]),
        },
      }),
    );
    expect(out.status).toBe('fail');
    expect(words(out.evidence)).toContain('denied by DenySsh (priority 100)');
    expect(out.evidence).toContainEqual(coded('nsg.subnet_denied', { rule: 'DenySsh', priority: '100' }));
  });
  it('on the direct SSH path the VirtualNetwork default rule does not cover an internet address', async () => {
    const out = await nsgSshInbound.run(fakeContext({ topology: withNsg(), path: 'ssh-jumpbox', nsgs: { [nsgId]: nsg([]) } }));
    expect(out.status).toBe('fail');
    expect(out.remediation?.az).toContain('--source-address-prefixes 203.0.113.10');
  });
  it('uses the VPN client pool as the source on the VPN path', async () => {
    const t = withNsg();
    t.gateways = [{ id: 'gw', name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: ids.hub }];
    const out = await nsgSshInbound.run(fakeContext({ topology: t, path: 'vpn', vpnPool: '172.16.201.0/24', nsgs: { [nsgId]: nsg([{ name: 'AllowVpn', priority: 300, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourceAddressPrefixes: ['172.16.201.0/24'], destinationAddressPrefix: '*', destinationPortRanges: ['20-25'] }]) } }));
    expect(out.status).toBe('pass');
  });
  it('warns when no NSG guards the jump box', async () => expect((await nsgSshInbound.run(fakeContext())).status).toBe('warn'));
  it('turns an NSG deleted between list and get into an error the engine reports', async () => {
    await expect(nsgSshInbound.run(fakeContext({ topology: withNsg() }))).rejects.toThrow(/not found/);
  });
});

describe('jit-policy', () => {
  it('warns when no policy protects the jump box, with the az rest body', async () => {
    const out = await jitPolicy.run(fakeContext());
    expect(out.status).toBe('warn');
    expect(out.remediation?.az).toContain('jitNetworkAccessPolicies/default?api-version=2020-01-01');
  });
  it('reports who has access open now and until when', async () => {
    const t = privateTopology();
    t.jitPolicies = [{ id: 'p', name: 'default', location: 'japaneast', vmIds: [ids.jump], ports: [{ vmId: ids.jump, number: 22, protocol: '*', maxRequestAccessDuration: 'PT3H' }], openRequests: [{ vmId: ids.jump, port: 22, requestor: 'ops@contoso.example', source: '203.0.113.10', endTimeUtc: '2026-11-29T10:00:00.000Z' }] }];
    const out = await jitPolicy.run(fakeContext({ topology: t }));
    expect(out.status).toBe('pass');
    expect(words(out.evidence)).toContain('Open now: port 22 for ops@contoso.example from 203.0.113.10 until 2026-11-29T10:00:00.000Z');
  });
  it('warns when port 22 is not in the policy', async () => {
    const t = privateTopology();
    t.jitPolicies = [{ id: 'p', name: 'default', location: 'japaneast', vmIds: [ids.jump], ports: [{ vmId: ids.jump, number: 3389, protocol: '*', maxRequestAccessDuration: 'PT3H' }], openRequests: [] }];
    expect((await jitPolicy.run(fakeContext({ topology: t }))).status).toBe('warn');
  });
});

describe('vpn-gateway and expressroute-circuit', () => {
  it('fail without a gateway / circuit', async () => {
    expect(await vpnGateway.run(fakeContext({ path: 'vpn' }))).toMatchObject({ status: 'fail', evidence: [coded('vpn.none_found')], remediation: { steps: [coded('vpn.fix_deploy', { subnet: 'GatewaySubnet' })] } });
    expect(await expressRouteCircuit.run(fakeContext({ path: 'expressroute' }))).toMatchObject({ status: 'fail', evidence: [coded('expressroute.no_circuit'), coded('expressroute.not_encrypted')] });
  });
  it('passes a provisioned VPN gateway and fails one still updating', async () => {
    const t = privateTopology();
    t.gateways = [{ id: 'gw', name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Succeeded', vnetId: ids.hub }];
    expect((await vpnGateway.run(fakeContext({ topology: t, path: 'vpn' }))).status).toBe('pass');
    t.gateways[0] = { ...t.gateways[0]!, provisioningState: 'Updating' };
    expect(await vpnGateway.run(fakeContext({ topology: t, path: 'vpn' }))).toMatchObject({ status: 'fail', evidence: [coded('vpn.gateway_state', { gateway: 'vgw-hub', vnet: 'vnet-hub', type: 'RouteBased', sku: 'VpnGw1', state: 'Updating' })] });
  });
  it('fails a circuit the provider has not provisioned; passes a provisioned one with the encryption warning', async () => {
    const t = privateTopology();
    t.gateways = [{ id: 'ergw', name: 'ergw-hub', gatewayType: 'ExpressRoute', vpnType: null, sku: 'Standard', provisioningState: 'Succeeded', vnetId: ids.hub }];
    t.circuits = [{ id: 'c', name: 'erc', circuitProvisioningState: 'Enabled', serviceProviderProvisioningState: 'NotProvisioned', serviceProviderName: 'Provider' }];
    expect(await expressRouteCircuit.run(fakeContext({ topology: t, path: 'expressroute' }))).toMatchObject({ status: 'fail', remediation: { steps: [coded('expressroute.fix_ask_provider', { provider: 'Provider' })] } });
    t.circuits[0] = { ...t.circuits[0]!, serviceProviderProvisioningState: 'Provisioned' };
    const out = await expressRouteCircuit.run(fakeContext({ topology: t, path: 'expressroute' }));
    expect(out.status).toBe('pass');
    expect(words(out.evidence)).toContain('not encrypted');
  });
});

describe('jump-box-availability and jump-box-public-ip', () => {
  it('passes a running VM in an availability set', async () => expect((await jumpBoxAvailability.run(fakeContext())).status).toBe('pass'));
  it('fails a stopped VM with az vm start', async () => expect(await jumpBoxAvailability.run(fakeContext({ powerState: 'deallocated' }))).toMatchObject({ status: 'fail', remediation: { az: expect.stringContaining('az vm start') } }));
  it('warns a VM with no availability set or scale set', async () => {
    const t = privateTopology();
    t.jumpBoxes[0] = { ...t.jumpBoxes[0]!, availability: 'none' };
    expect((await jumpBoxAvailability.run(fakeContext({ topology: t }))).status).toBe('warn');
  });
  it('warns about a public IP on a Bastion jump box; fails direct SSH without one', async () => {
    const t = privateTopology();
    t.jumpBoxes[0] = { ...t.jumpBoxes[0]!, publicIp: '198.51.100.20' };
    expect((await jumpBoxPublicIp.run(fakeContext({ topology: t }))).status).toBe('warn');
    expect((await jumpBoxPublicIp.run(fakeContext())).status).toBe('pass');
    expect((await jumpBoxPublicIp.run(fakeContext({ path: 'ssh-jumpbox' }))).status).toBe('fail');
  });
});

describe('ssh-key-placement', () => {
  let dir: string;
  let key: string;
  let other: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssh-key-check-'));
    key = path.join(dir, 'id_ed25519');
    other = path.join(dir, 'other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    rmSync(`${other}.pub`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const vmWith = (keyData: string) => ({ id: ids.jump, name: 'vm-jump', location: 'japaneast', osProfile: { adminUsername: 'azureuser', linuxConfiguration: { ssh: { publicKeys: [{ keyData }] } } } });

  it('skips without a chosen key', async () => expect((await sshKeyPlacement.run(fakeContext())).status).toBe('skip'));
  it('passes when the .pub matches a configured key', async () => {
    const out = await sshKeyPlacement.run(fakeContext({ privateKeyPath: key, vm: vmWith(readFileSync(`${key}.pub`, 'utf8')) }));
    expect(out.status).toBe('pass');
  });
  it('derives the public half from the private key when there is no .pub, and fails a mismatch', async () => {
    const out = await sshKeyPlacement.run(fakeContext({ privateKeyPath: other, vm: vmWith(readFileSync(`${key}.pub`, 'utf8')) }));
    expect(out.status).toBe('fail');
    expect(out.remediation?.az).toContain('az vm user update');
  });
  it('fails a key other users can read', async () => {
    chmodSync(key, 0o644);
    const out = await sshKeyPlacement.run(fakeContext({ privateKeyPath: key, vm: vmWith(readFileSync(`${key}.pub`, 'utf8')) }));
    chmodSync(key, 0o600);
    expect(out).toMatchObject({ status: 'fail', remediation: { az: expect.stringContaining('chmod 600') } });
  });
  it('never reads a device or directory given as the key path', async () => {
    expect(await sshKeyPlacement.run(fakeContext({ privateKeyPath: '/dev/zero' }))).toMatchObject({ status: 'fail', evidence: [{ code: 'ssh_key.not_a_key_file', text: '/dev/zero is not a private key file.', params: { path: '/dev/zero' } }] });
    expect((await sshKeyPlacement.run(fakeContext({ privateKeyPath: dir }))).status).toBe('fail');
  });
  it('fails a missing key file', async () => expect((await sshKeyPlacement.run(fakeContext({ privateKeyPath: path.join(dir, 'nope') }))).status).toBe('fail'));
});

describe('checks on the jump box', () => {
  const probe = (answers: Partial<JumpBoxProbe>): JumpBoxProbe => ({
    resolve: async () => ['10.1.0.4'],
    tcpConnect: async () => 'connected to 10.1.0.4:443',
    httpsGet: async () => ({ status: 200, body: 'ok' }),
    ...answers,
  });
  it('skip with the reason when no probe exists yet', async () => {
    for (const check of [jumpBoxDns, jumpBoxTcp, jumpBoxHealthz]) expect(await check.run(fakeContext())).toMatchObject({ status: 'skip', evidence: [{ code: 'probe.no_session', text: expect.stringContaining('SSH session') }] });
  });
  it('pass when the jump box resolves, connects and gets ok', async () => {
    const ctx = fakeContext({ probe: probe({}) });
    expect((await jumpBoxDns.run(ctx)).status).toBe('pass');
    expect((await jumpBoxTcp.run(ctx)).status).toBe('pass');
    expect((await jumpBoxHealthz.run(ctx)).status).toBe('pass');
  });
  it('skip with the SSH slice\'s reason when no session to the jump box exists yet', async () => {
    const noSession = async () => Promise.reject(new AppError('jumpbox.no_session', 'Open a terminal to vm-jump once from the console.'));
    const ctx = fakeContext({ probe: probe({ resolve: noSession, tcpConnect: noSession, httpsGet: noSession }) });
    for (const check of [jumpBoxDns, jumpBoxTcp, jumpBoxHealthz]) expect(await check.run(ctx)).toMatchObject({ status: 'skip', evidence: [{ code: 'probe.open_terminal_first', text: 'Open a terminal to vm-jump once from the console.', params: { vm: 'vm-jump' } }] });
  });
  it('fail on a wrong address, a refused connection, or an unhealthy answer', async () => {
    const ctx = fakeContext({ probe: probe({ resolve: async () => ['20.1.2.3'], tcpConnect: async () => Promise.reject(new Error('connection refused')), httpsGet: async () => ({ status: 500, body: 'etcd not ready' }) }) });
    expect((await jumpBoxDns.run(ctx)).status).toBe('fail');
    expect((await jumpBoxTcp.run(ctx)).evidence[0]).toMatchObject({ code: 'probe.tcp_refused', text: expect.stringContaining('connection refused'), params: { detail: 'connection refused' } });
    expect((await jumpBoxHealthz.run(ctx)).status).toBe('fail');
  });
});
