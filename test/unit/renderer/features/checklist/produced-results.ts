import type { ManagedCluster } from '@azure/arm-containerservice';
import type { Check } from '../../../../../src-main/services/checklist/check';
import { bastionSku, expressRouteCircuit, jitPolicy, jumpBoxAvailability, jumpBoxPublicIp, vpnGateway } from '../../../../../src-main/services/checklist/checks/access-checks';
import { authorizedIpRanges, clusterExposure, notAksNode, runCommand } from '../../../../../src-main/services/checklist/checks/cluster-checks';
import { entraIntegration, kubernetesAuthorization, localAccounts } from '../../../../../src-main/services/checklist/checks/identity-checks';
import { gatewayTransit, privateDnsLink, privateDnsRecord, vnetPeering } from '../../../../../src-main/services/checklist/checks/network-checks';
import { nsgSshInbound } from '../../../../../src-main/services/checklist/checks/nsg-check';
import { jumpBoxDns, jumpBoxHealthz, jumpBoxTcp } from '../../../../../src-main/services/checklist/checks/probe-checks';
import { AKS_RBAC_ROLES, readerRole } from '../../../../../src-main/services/checklist/checks/reader-role-check';
import { sshKeyPlacement } from '../../../../../src-main/services/checklist/checks/ssh-key-check';
import { runChecks } from '../../../../../src-main/services/checklist/engine';
import type { CheckResult } from '../../../../../src-renderer/features/checklist/checklist-model';
import { fakeContext, type FakeInput } from '../../../main/services/checklist/fake-context';
import { ids, privateTopology, publicTopology } from '../../../main/services/access-paths/topology-fixture';

/**
 * Every check run by the engine in the states an operator meets, most of them failing: the input of
 * the tests that render the checklist in each language.
 */

/** Results as main produces them for every check, in states an operator meets (mostly failing, warning or skipped). */
export async function producedResults(): Promise<CheckResult[]> {
  const nsgId = '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-hub/providers/Microsoft.Network/networkSecurityGroups/nsg-jump';
  const unlinked = privateTopology();
  unlinked.dns.links = unlinked.dns.links.filter((l) => l.vnetId !== ids.hub);
  const wrongRecord = privateTopology();
  wrongRecord.dns.aRecord = { name: 'aks-prod-1', ips: ['10.9.9.9'] };
  const oneWay = privateTopology();
  oneWay.peerings = oneWay.peerings.filter((p) => p.name !== 'spoke-to-hub');
  const basic = privateTopology();
  basic.bastions[0] = { ...basic.bastions[0]!, sku: 'Basic', enableTunneling: false };
  const withNsg = privateTopology();
  withNsg.jumpBoxes[0] = { ...withNsg.jumpBoxes[0]!, subnetNsgId: nsgId };
  const denyNsg = {
    id: nsgId,
    securityRules: [{ name: 'DenySsh', priority: 100, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '22' }],
    defaultSecurityRules: [{ name: 'DenyAllInBound', priority: 65500, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }],
  } as const;
  const withJit = privateTopology();
  withJit.jitPolicies = [{ id: 'p', name: 'default', location: 'japaneast', vmIds: [ids.jump], ports: [{ vmId: ids.jump, number: 22, protocol: '*', maxRequestAccessDuration: 'PT3H' }], openRequests: [{ vmId: ids.jump, port: 22, requestor: 'ops@contoso.example', source: '203.0.113.10', endTimeUtc: '2026-11-29T10:00:00.000Z' }] }];
  const failingProbe = { resolve: async () => ['20.1.2.3'], tcpConnect: async () => Promise.reject(new Error('ECONNREFUSED')), httpsGet: async () => ({ status: 500, body: 'etcd' }) };
  const cases: Array<[Check, FakeInput]> = [
    [privateDnsLink, { topology: unlinked, vnets: { [ids.hub]: { id: ids.hub, dhcpOptions: { dnsServers: ['192.168.1.53'] } } } }],
    [privateDnsLink, { topology: unlinked, vnets: { [ids.hub]: { id: ids.hub, dhcpOptions: { dnsServers: ['10.1.5.4'] } } } }],
    [privateDnsLink, {}],
    [privateDnsRecord, { topology: wrongRecord }],
    [vnetPeering, { topology: oneWay }],
    [vnetPeering, {}],
    [bastionSku, { topology: basic }],
    [nsgSshInbound, { topology: withNsg, nsgs: { [nsgId]: denyNsg as never } }],
    [nsgSshInbound, {}],
    [sshKeyPlacement, { privateKeyPath: '/dev/zero' }],
    [sshKeyPlacement, { privateKeyPath: '/nonexistent/id_ed25519' }],
    [jumpBoxDns, {}],
    [jumpBoxDns, { probe: failingProbe }],
    [jumpBoxTcp, { probe: failingProbe }],
    [jumpBoxHealthz, { probe: failingProbe }],
    [jumpBoxAvailability, { powerState: 'deallocated' }],
    [jumpBoxAvailability, {}],
    [jumpBoxPublicIp, {}],
    [jumpBoxPublicIp, { path: 'ssh-jumpbox' }],
    [jitPolicy, {}],
    [jitPolicy, { topology: withJit }],
    ...clusterAndAccessCases(),
  ];
  const out: CheckResult[] = [];
  for (const [check, input] of cases) {
    const [result] = await runChecks([check], fakeContext(input), { concurrency: 1, timeoutMs: 5_000 });
    out.push(result!);
  }
  return out;
}

const ENTRA = { managed: true, enableAzureRbac: true, tenantID: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
const roleId = (i: number) => `/subscriptions/11111111-1111-4111-8111-111111111111/providers/Microsoft.Authorization/roleDefinitions/${AKS_RBAC_ROLES[i]!.id}`;

function cluster(extra: Partial<ManagedCluster>): ManagedCluster {
  const pools = [{ name: 'nodepool1', count: 3, vmSize: 'Standard_D4s_v5', provisioningState: 'Succeeded', powerState: { code: 'Running' as const } }];
  return { id: ids.cluster, name: 'aks-prod', location: 'japaneast', enableRbac: true, agentPoolProfiles: pools, ...extra };
}

/** The cluster, identity, gateway and transit checks in their failing, warning and skipped states. */
function clusterAndAccessCases(): Array<[Check, FakeInput]> {
  const publicClosed = publicTopology(['198.51.100.0/24']);
  publicClosed.cluster = { ...publicClosed.cluster, publicNetworkAccess: 'Disabled' };
  const publicFqdn = privateTopology();
  publicFqdn.cluster = { ...publicFqdn.cluster, publicFqdnEnabled: true, fqdn: 'aks-prod-abc.hcp.japaneast.azmk8s.io' };
  const invokeOff = privateTopology();
  invokeOff.cluster = { ...invokeOff.cluster, runCommandDisabled: true };
  const onNode = privateTopology();
  onNode.jumpBoxes = [{ ...onNode.jumpBoxes[0]!, isAksNode: true }];
  const vpnFailed = privateTopology();
  vpnFailed.gateways = [{ id: ids.vpn, name: 'vgw-hub', gatewayType: 'Vpn', vpnType: 'RouteBased', sku: 'VpnGw1', provisioningState: 'Failed', vnetId: ids.hub }];
  const unpeered = privateTopology();
  unpeered.gateways = vpnFailed.gateways;
  unpeered.peerings = [];
  const erGateway = { id: `${ids.vpn}-er`, name: 'ergw-hub', gatewayType: 'ExpressRoute', vpnType: null, sku: 'Standard', provisioningState: 'Updating', vnetId: ids.hub };
  const erPending = privateTopology();
  erPending.circuits = [{ id: 'c', name: 'erc-tokyo', circuitProvisioningState: 'Enabled', serviceProviderProvisioningState: 'NotProvisioned', serviceProviderName: 'Equinix' }];
  erPending.gateways = [erGateway];
  const erNoProvider = privateTopology();
  erNoProvider.circuits = [{ id: 'c', name: 'erc-tokyo', circuitProvisioningState: null, serviceProviderProvisioningState: null, serviceProviderName: null }];
  const erNoGateway = privateTopology();
  erNoGateway.circuits = [{ ...erPending.circuits[0]!, serviceProviderProvisioningState: 'Provisioned' }];
  const stopped = cluster({ agentPoolProfiles: [{ name: 'nodepool1', count: 3, vmSize: 'Standard_D4s_v5', provisioningState: 'Succeeded', powerState: { code: 'Stopped' } }] });
  const rbac = cluster({ aadProfile: ENTRA });
  return [
    [clusterExposure, { topology: publicClosed, path: 'public-internet' }],
    [clusterExposure, { path: 'public-internet' }],
    [clusterExposure, { topology: publicFqdn }],
    [authorizedIpRanges, { topology: publicTopology(), path: 'public-internet' }],
    [authorizedIpRanges, { topology: publicTopology(['198.51.100.0/24']), path: 'public-internet' }],
    [authorizedIpRanges, { topology: publicTopology(['198.51.100.0/24']), path: 'public-internet', operatorIp: null }],
    [authorizedIpRanges, { path: 'public-internet' }],
    [runCommand, { topology: invokeOff, path: 'command-invoke' }],
    [runCommand, { path: 'command-invoke', managedCluster: stopped }],
    [runCommand, { path: 'command-invoke' }],
    [notAksNode, { topology: onNode }],
    [entraIntegration, { managedCluster: cluster({}) }],
    [entraIntegration, { managedCluster: cluster({ aadProfile: { managed: true } }) }],
    [localAccounts, { managedCluster: cluster({}) }],
    [localAccounts, { managedCluster: cluster({ aadProfile: ENTRA, disableLocalAccounts: false }) }],
    [kubernetesAuthorization, { managedCluster: cluster({ enableRbac: false }) }],
    [kubernetesAuthorization, { managedCluster: cluster({ aadProfile: { ...ENTRA, enableAzureRbac: false } }) }],
    [kubernetesAuthorization, { managedCluster: rbac }],
    [readerRole, { managedCluster: cluster({}) }],
    [readerRole, { managedCluster: rbac }],
    [readerRole, { managedCluster: rbac, roles: { oid: 'oid-ops', assignments: [{ roleDefinitionId: roleId(1), scope: `${ids.cluster}/namespaces/payments` }] } }],
    [readerRole, { managedCluster: rbac, roles: { oid: 'oid-ops', assignments: [{ roleDefinitionId: roleId(0), scope: '/subscriptions/11111111-1111-4111-8111-111111111111' }] } }],
    [vpnGateway, { path: 'vpn' }],
    [vpnGateway, { topology: vpnFailed, path: 'vpn' }],
    [expressRouteCircuit, { path: 'expressroute' }],
    [expressRouteCircuit, { topology: erPending, path: 'expressroute' }],
    [expressRouteCircuit, { topology: erNoProvider, path: 'expressroute' }],
    [expressRouteCircuit, { topology: erNoGateway, path: 'expressroute' }],
    [gatewayTransit, { topology: vpnFailed, path: 'vpn' }],
    [gatewayTransit, { topology: unpeered, path: 'vpn' }],
    [gatewayTransit, { path: 'vpn' }],
  ];
}
