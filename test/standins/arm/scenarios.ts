import { clusterAccess, type AccessScenario, type AksRoleName } from '../apiserver';
import { DEFAULT_IDS } from '../entra/directory';
import { fixtureBody } from './fixtures';
import { roleAssignmentRow } from './role-assignments';
import * as b from './builders';
import { World, type ScenarioMeta, type SubscriptionRow, type TenantRow } from './world';

/** Every topology the stand-in can serve: the healthy scenarios of scenarios.md and their broken variants. */
export const SCENARIOS = [
  'public',
  'public-authorized-ips',
  'public-authorized-ips-excludes-operator',
  'private-hub-spoke-bastion',
  'private-jumpbox-in-cluster-vnet',
  'private-vpn',
  'private-expressroute',
  'private-public-fqdn',
  'vnet-integration',
  'broken-peering-disconnected',
  'broken-peering-one-way',
  'broken-dns-link-missing',
  'broken-a-record-missing',
  'broken-nsg-blocks-ssh',
  'broken-bastion-basic',
  'broken-bastion-tunneling-off',
  'broken-jit-missing',
  'broken-run-command-disabled',
  'broken-expressroute-not-provisioned',
] as const;

/** A scenario name. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** Extra subscriptions full of clusters, for inventory screens and the discovery benchmark. */
export interface FleetSpec {
  readonly subscriptions: number;
  readonly clustersPerSubscription: number;
}

/** Options of a world. */
export interface ScenarioOptions {
  readonly fleet?: FleetSpec;
  /** Public keys placed on the jump box (`osProfile.linuxConfiguration.ssh.publicKeys`). */
  readonly jumpBoxAuthorizedKeys?: string[];
  /** sshd host public keys Run Command reads back from the jump box. */
  readonly jumpBoxHostKeys?: string[];
  /** Tenant of every subscription (e.g. the Entra stand-in's tenant, so signed-in tokens match). */
  readonly tenantId?: string;
  /** Id and name of the subscription holding the scenario's cluster. */
  readonly platformSubscription?: { readonly id: string; readonly displayName: string };
  /**
   * A landing zone's connectivity subscription: the hub (VNet, Bastion, jump box, gateways, JIT
   * policy) lives there instead of beside the cluster. Absent: everything in the platform subscription.
   */
  readonly hubSubscription?: { readonly id: string; readonly displayName: string };
  /**
   * How the scenario's cluster is reached through its API server: managed Entra ID + Azure RBAC with
   * local accounts disabled, Entra + Kubernetes RBAC by group, or legacy local accounts. Absent: the
   * fixture's cluster as it is (no `aadProfile`).
   */
  readonly access?: AccessScenario;
  /** The operator's Entra object id (default: the Entra stand-in's operator). */
  readonly operatorOid?: string;
  /** The AKS RBAC role the operator starts with on an Azure-RBAC cluster (default `reader`; null: none). */
  readonly operatorRole?: AksRoleName | null;
}

/** Applies an access scenario to the world's cluster: `aadProfile`, `disableLocalAccounts`, role assignments. */
function applyAccess(w: World, options: ScenarioOptions): void {
  if (!options.access) return;
  const operatorOid = options.operatorOid ?? DEFAULT_IDS.operatorOid;
  const access = clusterAccess(options.access, { tenantId: w.meta.tenantId, clusterId: w.meta.clusterId, operatorOid, ...(options.operatorRole !== undefined ? { operatorRole: options.operatorRole } : {}) });
  w.patch(w.meta.clusterId, { properties: { enableRBAC: true, disableLocalAccounts: access.disableLocalAccounts, aadProfile: access.aadProfile ?? undefined } });
  for (const assignment of access.roleAssignments) w.roleAssignments.push(roleAssignmentRow(assignment));
  w.groupsOf.set(operatorOid, [DEFAULT_IDS.operatorsGroup]);
  w.meta = { ...w.meta, access };
}

/** The stand-in's tenant and main subscription. */
export const TENANT_ID = '5f1c3e2a-7d4b-4c1e-9a6f-2b8d0c4e6a10';
export const PLATFORM_SUBSCRIPTION = '3b6f2c1d-9e8a-4f7b-8c2d-1a0e5f4b3c21';
/** Operator egress IP the scenarios are built around (TEST-NET-3: a documentation address, never routed). */
export const OPERATOR_IP = '203.0.113.10';
const LOCATION = 'japaneast';
const ZONE = `privatelink.${LOCATION}.azmk8s.io`;
const RECORD = 'aks-prod-1a2b3c4d.8d3f0a52-3c1e-4e0b-9f6a-0c2b7d5e1f34';
const API_IP = '10.1.0.4';

function fleetSubscriptionId(i: number): string {
  return `7e2a${String(i).padStart(4, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

function addFleet(w: World, fleet: FleetSpec, tenantId: string): void {
  for (let s = 1; s <= fleet.subscriptions; s++) {
    const sub = fleetSubscriptionId(s);
    w.subscriptions.push(subscriptionRow(sub, `Team ${String(s).padStart(3, '0')}`, tenantId));
    for (let c = 1; c <= fleet.clustersPerSubscription; c++) {
      const place = { sub, rg: `rg-team${s}`, location: c % 2 ? 'japaneast' : 'japanwest' };
      const name = `aks-t${s}-c${c}`;
      const kind = c % 3;
      b.cluster(w, place, name, {
        fixture: kind === 0 ? 'containerservice/ManagedClustersGet' : 'containerservice/ManagedClustersCreate_PrivateClusterPublicFQDN',
        dnsPrefix: name,
        fqdn: kind === 1 ? undefined : `${name}-00aa11bb.hcp.${place.location}.azmk8s.io`,
        privateFqdn: kind === 0 ? undefined : `${name}-00aa11bb.privatelink.${place.location}.azmk8s.io`,
        apiServerAccessProfile:
          kind === 0
            ? { authorizedIPRanges: c % 2 ? ['198.51.100.0/24'] : undefined }
            : { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: kind === 2, privateDNSZone: 'system' },
      });
    }
  }
}

function subscriptionRow(subscriptionId: string, displayName: string, tenantId: string): SubscriptionRow {
  const row = fixtureBody<{ value: Record<string, unknown>[] }>('subscriptions/GetSubscriptions').value[0]!;
  return { ...row, id: `/subscriptions/${subscriptionId}`, subscriptionId, displayName, tenantId, state: 'Enabled', managedByTenants: [] };
}

function tenantRow(tenantId: string): TenantRow {
  const row = fixtureBody<{ value: Record<string, unknown>[] }>('subscriptions/GetTenants').value[1]!;
  return { ...row, id: `/tenants/${tenantId}`, tenantId, displayName: 'Contoso Platform', defaultDomain: 'contoso.example', domains: ['contoso.example'], tenantCategory: 'Home' };
}

function publicScenario(w: World, name: ScenarioName, sub: string): string {
  const rg = { sub, rg: 'rg-apps', location: LOCATION };
  const ranges = name === 'public-authorized-ips' ? ['203.0.113.0/24', '198.51.100.7/32'] : name === 'public-authorized-ips-excludes-operator' ? ['198.51.100.0/24'] : undefined;
  const c = b.cluster(w, rg, 'aks-public', {
    dnsPrefix: 'aks-public',
    fqdn: 'aks-public-abcd1234.hcp.japaneast.azmk8s.io',
    apiServerAccessProfile: ranges ? { authorizedIPRanges: ranges } : undefined,
  });
  return String(c.id);
}

interface Estate {
  clusterId: string;
  jumpBoxId: string;
  bastionId: string;
  hubVnetId: string | null;
  clusterVnetId: string;
  zoneId: string;
  jitPolicyId: string;
}

function privateEstate(w: World, name: ScenarioName, options: ScenarioOptions, sub: string): Estate {
  const hub = { sub: options.hubSubscription?.id ?? sub, rg: 'rg-hub', location: LOCATION };
  const spoke = { sub, rg: 'rg-spoke', location: LOCATION };
  const nodeRg = { sub, rg: `MC_rg-spoke_aks-prod_${LOCATION}`, location: LOCATION };
  const inSpoke = name === 'private-jumpbox-in-cluster-vnet';
  const jumpPlace = inSpoke ? spoke : hub;

  const sshRules: b.RuleSpec[] = [{ name: 'AllowSshFromBastion', priority: 200, access: 'Allow', source: inSpoke ? '10.1.8.0/26' : '10.0.1.0/26', port: '22' }];
  if (name === 'private-vpn') sshRules.push({ name: 'AllowSshFromVpnClients', priority: 210, access: 'Allow', source: '172.16.201.0/24', port: '22' });
  if (name === 'private-expressroute' || name === 'broken-expressroute-not-provisioned') sshRules.push({ name: 'AllowSshFromOnPrem', priority: 210, access: 'Allow', source: '192.168.0.0/16', port: '22' });
  if (name === 'broken-nsg-blocks-ssh') sshRules.push({ name: 'DenySshInbound', priority: 100, access: 'Deny', source: '*', port: '22', protocol: '*' });
  const jumpNsg = b.nsg(w, jumpPlace, 'nsg-jump', sshRules);

  const spokeSubnets: b.SubnetSpec[] = [
    { name: 'snet-aks', prefix: '10.1.0.0/22' },
    { name: 'snet-apiserver', prefix: '10.1.4.0/28' },
  ];
  if (inSpoke) spokeSubnets.push({ name: 'AzureBastionSubnet', prefix: '10.1.8.0/26' }, { name: 'snet-jump', prefix: '10.1.9.0/24', nsgId: String(jumpNsg.id) });
  const spokeVnet = b.vnet(w, spoke, 'vnet-spoke', ['10.1.0.0/16'], spokeSubnets);
  let hubVnet: Record<string, unknown> | null = null;
  if (!inSpoke) {
    hubVnet = b.vnet(w, hub, 'vnet-hub', ['10.0.0.0/16'], [
      { name: 'AzureBastionSubnet', prefix: '10.0.1.0/26' },
      { name: 'snet-jump', prefix: '10.0.2.0/24', nsgId: String(jumpNsg.id) },
      { name: 'GatewaySubnet', prefix: '10.0.255.0/27' },
    ]);
    const transit = name === 'private-vpn' || name === 'private-expressroute' || name === 'broken-expressroute-not-provisioned';
    const hubSide: b.PeeringSpec =
      name === 'broken-peering-disconnected'
        ? { state: 'Disconnected', syncLevel: 'RemoteNotInSync' }
        : name === 'broken-peering-one-way'
          ? { state: 'Initiated', syncLevel: 'RemoteNotInSync' }
          : { allowGatewayTransit: transit };
    b.peering(w, hubVnet, spokeVnet, 'hub-to-spoke', hubSide);
    if (name !== 'broken-peering-one-way') {
      b.peering(w, spokeVnet, hubVnet, 'spoke-to-hub', name === 'broken-peering-disconnected' ? { state: 'Disconnected', syncLevel: 'LocalNotInSync' } : { useRemoteGateways: transit });
    }
  }
  const jumpVnet = hubVnet ?? spokeVnet;
  const jump = b.vm(w, jumpPlace, 'vm-jump', {
    subnetId: `${String(jumpVnet.id)}/subnets/snet-jump`,
    privateIp: inSpoke ? '10.1.9.4' : '10.0.2.4',
    sshPublicKeys: options.jumpBoxAuthorizedKeys ?? [],
  });
  if (options.jumpBoxHostKeys) w.hostKeys.set(String(jump.vm.id).toLowerCase(), options.jumpBoxHostKeys);
  const bastionSpec: b.BastionSpec =
    name === 'broken-bastion-basic' ? { sku: 'Basic', enableTunneling: false } : name === 'broken-bastion-tunneling-off' ? { sku: 'Standard', enableTunneling: false } : { sku: 'Standard', enableTunneling: true };
  const bas = b.bastion(w, jumpPlace, inSpoke ? 'bas-spoke' : 'bas-hub', String(jumpVnet.id), bastionSpec);

  if (hubVnet && name === 'private-vpn') {
    const gw = b.gateway(w, hub, 'vgw-hub', String(hubVnet.id), 'Vpn');
    w.patch(String(gw.id), { properties: { vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ['172.16.201.0/24'] }, vpnClientProtocols: ['OpenVPN'] } } });
  }
  if (hubVnet && (name === 'private-expressroute' || name === 'broken-expressroute-not-provisioned')) {
    b.gateway(w, hub, 'ergw-hub', String(hubVnet.id), 'ExpressRoute');
    b.circuit(w, hub, 'erc-tokyo', name === 'broken-expressroute-not-provisioned' ? 'NotProvisioned' : 'Provisioned');
  }

  const privateFqdn = `${RECORD}.${ZONE}`;
  const c = b.cluster(w, spoke, 'aks-prod', {
    fixture: 'containerservice/ManagedClustersCreate_PrivateClusterPublicFQDN',
    dnsPrefix: 'aks-prod',
    nodeSubnetId: `${String(spokeVnet.id)}/subnets/snet-aks`,
    fqdn: name === 'private-public-fqdn' ? 'aks-prod-1a2b3c4d.hcp.japaneast.azmk8s.io' : undefined,
    privateFqdn,
    apiServerAccessProfile: {
      enablePrivateCluster: true,
      enablePrivateClusterPublicFQDN: name === 'private-public-fqdn',
      privateDNSZone: 'system',
      ...(name === 'broken-run-command-disabled' ? { disableRunCommand: true } : {}),
      ...(name === 'vnet-integration' ? { enableVnetIntegration: true, subnetId: `${String(spokeVnet.id)}/subnets/snet-apiserver` } : {}),
    },
  });
  const zone = b.privateZone(w, nodeRg, ZONE);
  b.zoneLink(w, zone, 'link-vnet-spoke', String(spokeVnet.id));
  if (hubVnet && name !== 'broken-dns-link-missing') b.zoneLink(w, zone, 'link-vnet-hub', String(hubVnet.id));
  if (name !== 'broken-a-record-missing') b.aRecord(w, zone, RECORD, API_IP);
  b.apiServerEndpoint(w, nodeRg, `${String(spokeVnet.id)}/subnets/snet-aks`, privateFqdn, API_IP);
  b.vm(w, nodeRg, 'aks-nodepool1-vm0', { subnetId: `${String(spokeVnet.id)}/subnets/snet-aks`, privateIp: '10.1.0.10', availability: 'none' });
  const jit = name === 'broken-jit-missing' ? null : b.jitPolicy(w, jumpPlace, 'default', [String(jump.vm.id)]);
  return {
    clusterId: String(c.id),
    jumpBoxId: String(jump.vm.id),
    bastionId: String(bas.id),
    hubVnetId: hubVnet ? String(hubVnet.id) : null,
    clusterVnetId: String(spokeVnet.id),
    zoneId: String(zone.id),
    jitPolicyId: jit ? String(jit.id) : '',
  };
}

/** Builds the world of one scenario, plus an optional fleet of other subscriptions. */
export function buildScenario(name: ScenarioName, options: ScenarioOptions = {}): World {
  const tenantId = options.tenantId ?? TENANT_ID;
  const platform = options.platformSubscription ?? { id: PLATFORM_SUBSCRIPTION, displayName: 'Platform Production' };
  const base: ScenarioMeta = {
    scenario: name,
    tenantId,
    subscriptionId: platform.id,
    clusterId: '',
    jumpBoxId: null,
    bastionId: null,
    hubVnetId: null,
    clusterVnetId: null,
    zoneId: null,
    jitPolicyId: null,
    operatorIp: OPERATOR_IP,
  };
  const w = new World(base);
  w.tenants.push(tenantRow(tenantId));
  w.subscriptions.push(subscriptionRow(platform.id, platform.displayName, tenantId));
  if (options.hubSubscription) w.subscriptions.push(subscriptionRow(options.hubSubscription.id, options.hubSubscription.displayName, tenantId));
  if (name.startsWith('public')) {
    w.meta = { ...base, clusterId: publicScenario(w, name, platform.id) };
  } else {
    const e = privateEstate(w, name, options, platform.id);
    w.meta = { ...base, ...e, jitPolicyId: e.jitPolicyId || null };
  }
  applyAccess(w, options);
  if (options.fleet) addFleet(w, options.fleet, tenantId);
  return w;
}
