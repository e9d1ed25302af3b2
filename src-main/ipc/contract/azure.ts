import { z } from 'zod';
import { event, invoke, NoRequest } from './define';
import { FileTarget } from './files';
import { CheckHops } from './hops';
import { CheckText } from './check-text';
import { Message } from './message';
import { ExportWording } from './export-wording';

/** An ARM resource id (`/subscriptions/…`); compared case-insensitively by main. */
export const AzureResourceId = z
  .string()
  .min(15)
  .max(1024)
  .regex(/^\/subscriptions\/[^/]+(\/[^/\s]+)*$/i, 'must be an Azure resource id');

/** A tenant (directory) the signed-in operator belongs to. */
export const Tenant = z.object({
  tenantId: z.string(),
  displayName: z.string().nullable(),
  defaultDomain: z.string().nullable(),
  category: z.string().nullable(),
});

/** Badges the inventory shows next to a cluster; each one is read from the cluster's own properties. */
export const AccessBadge = z.enum([
  'public',
  'authorized-ips',
  'private',
  'public-fqdn',
  'vnet-integration',
  'public-network-disabled',
  'run-command-disabled',
]);

/** How the private API server name resolves: AKS-managed zone, custom zone, no zone, or not private. */
export const PrivateDnsMode = z.enum(['system', 'custom', 'none', 'not-private']);

/** One cluster as the inventory lists it: only the fields that decide how to reach it. */
export const ClusterSummary = z.object({
  id: z.string(),
  name: z.string(),
  subscriptionId: z.string(),
  subscriptionName: z.string().nullable(),
  resourceGroup: z.string(),
  location: z.string(),
  isPrivate: z.boolean(),
  publicFqdnEnabled: z.boolean(),
  fqdn: z.string().nullable(),
  privateFqdn: z.string().nullable(),
  privateDnsMode: PrivateDnsMode,
  privateDnsZoneId: z.string().nullable(),
  authorizedIpRanges: z.array(z.string()),
  vnetIntegration: z.boolean(),
  apiServerSubnetId: z.string().nullable(),
  runCommandDisabled: z.boolean(),
  publicNetworkAccess: z.enum(['Enabled', 'Disabled', 'unknown']),
  nodeResourceGroup: z.string().nullable(),
  nodeSubnetIds: z.array(z.string()),
  badges: z.array(AccessBadge),
});

/** Whether the operator could read a subscription during the last discovery. */
export const SubscriptionAccess = z.object({
  subscriptionId: z.string(),
  displayName: z.string().nullable(),
  state: z.string().nullable(),
  access: z.enum(['ok', 'lost', 'error']),
  /** Why it could not be read, worded by the renderer. */
  reason: Message.nullable(),
});

/** The cached cluster inventory of one tenant, with the time it was read ("as of"). */
export const Inventory = z.object({
  tenantId: z.string().nullable(),
  asOf: z.string(),
  source: z.enum(['resource-graph', 'per-subscription']),
  fromCache: z.boolean(),
  clusters: z.array(ClusterSummary),
  subscriptions: z.array(SubscriptionAccess),
  warnings: z.array(Message),
  /** Set when this is the last good inventory, served because the sign-in expired (the operator must sign in again to refresh it). */
  signInExpired: z.boolean().optional(),
});

/** A plain-language reason with a stable code and the values it names (for translation). */
export const Reason = z.object({
  code: z.string(),
  text: z.string(),
  params: z.record(z.string(), z.string()),
});

/** A VNet peering as seen from one side, with what the other side says. */
export const PeeringView = z.object({
  localVnetId: z.string(),
  localVnetName: z.string(),
  remoteVnetId: z.string(),
  remoteVnetName: z.string(),
  name: z.string(),
  state: z.string().nullable(),
  syncLevel: z.string().nullable(),
  allowGatewayTransit: z.boolean(),
  useRemoteGateways: z.boolean(),
  allowForwardedTraffic: z.boolean(),
  reverse: z
    .object({ name: z.string(), state: z.string().nullable(), syncLevel: z.string().nullable() })
    .nullable(),
});

/** A VM that could serve as a jump box, with the facts the checks read. */
export const JumpBoxView = z.object({
  id: z.string(),
  name: z.string(),
  vnetId: z.string().nullable(),
  subnetId: z.string().nullable(),
  privateIp: z.string().nullable(),
  publicIp: z.string().nullable(),
  powerState: z.string().nullable(),
  availability: z.enum(['availability-set', 'vmss', 'none']),
  nicNsgId: z.string().nullable(),
  subnetNsgId: z.string().nullable(),
  isAksNode: z.boolean(),
  osType: z.string().nullable(),
  location: z.string(),
});

/** A Bastion host in one of the relevant VNets. */
export const BastionView = z.object({
  id: z.string(),
  name: z.string(),
  sku: z.string().nullable(),
  enableTunneling: z.boolean(),
  enableIpConnect: z.boolean(),
  vnetId: z.string().nullable(),
  dnsName: z.string().nullable(),
  provisioningState: z.string().nullable(),
});

/** A virtual network gateway (VPN or ExpressRoute) in one of the relevant VNets. */
export const GatewayView = z.object({
  id: z.string(),
  name: z.string(),
  gatewayType: z.string().nullable(),
  vpnType: z.string().nullable(),
  sku: z.string().nullable(),
  provisioningState: z.string().nullable(),
  vnetId: z.string().nullable(),
});

/** An ExpressRoute circuit in the cluster's subscription. */
export const CircuitView = z.object({
  id: z.string(),
  name: z.string(),
  circuitProvisioningState: z.string().nullable(),
  serviceProviderProvisioningState: z.string().nullable(),
  serviceProviderName: z.string().nullable(),
});

/** A Just-In-Time access policy and the requests open under it now. */
export const JitPolicyView = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  vmIds: z.array(z.string()),
  ports: z.array(z.object({ vmId: z.string(), number: z.number(), protocol: z.string(), maxRequestAccessDuration: z.string().nullable() })),
  openRequests: z.array(
    z.object({ vmId: z.string(), port: z.number(), requestor: z.string().nullable(), source: z.string().nullable(), endTimeUtc: z.string() }),
  ),
});

/** Everything known about the network around one cluster. */
export const Topology = z.object({
  clusterId: z.string(),
  asOf: z.string(),
  cluster: ClusterSummary,
  clusterVnet: z.object({ id: z.string(), name: z.string(), addressPrefixes: z.array(z.string()) }).nullable(),
  relatedVnets: z.array(z.object({ id: z.string(), name: z.string(), addressPrefixes: z.array(z.string()), role: z.enum(['cluster', 'peered']) })),
  peerings: z.array(PeeringView),
  dns: z.object({
    mode: PrivateDnsMode,
    zoneId: z.string().nullable(),
    zoneName: z.string().nullable(),
    links: z.array(z.object({ vnetId: z.string(), name: z.string(), state: z.string().nullable(), registrationEnabled: z.boolean() })),
    aRecord: z.object({ name: z.string(), ips: z.array(z.string()) }).nullable(),
    privateEndpointIp: z.string().nullable(),
  }),
  jumpBoxes: z.array(JumpBoxView),
  bastions: z.array(BastionView),
  gateways: z.array(GatewayView),
  circuits: z.array(CircuitView),
  jitPolicies: z.array(JitPolicyView),
  warnings: z.array(z.string()),
});

/** The access paths of scenarios.md (S1–S8, the Bastion-to-API-server variant, and two guidance-only paths). */
export const PathId = z.enum([
  'public-internet',
  'cloud-shell',
  'bastion-jumpbox',
  'bastion-apiserver',
  'vpn',
  'expressroute',
  'command-invoke',
  'cloud-shell-vnet',
  'ssh-jumpbox',
  'avd',
  'aci-ssh',
]);

/** Whether a path works now, would work after the listed fixes, or does not apply to this cluster. */
export const PathAvailability = z.enum(['available', 'available-after-fix', 'not-applicable']);

/** One ranked access path with the reasons read from Azure. */
export const RankedPath = z.object({
  id: PathId,
  scenario: z.string(),
  rank: z.number().int(),
  availability: PathAvailability,
  guidanceOnly: z.boolean(),
  reasons: z.array(Reason),
  fixes: z.array(Reason),
  jumpBoxId: z.string().nullable(),
  bastionId: z.string().nullable(),
});

/** What the operator tells the chooser about their workstation (a PAW usually blocks SSH/22 egress). */
export const PathPreferences = z.strictObject({
  sshEgressAllowed: z.boolean().optional(),
  vpnConnected: z.boolean().optional(),
  expressRouteConnected: z.boolean().optional(),
  preferNoJumpBox: z.boolean().optional(),
});

/** The chooser's answer for one cluster, best path first. */
export const PathRanking = z.object({
  clusterId: z.string(),
  asOf: z.string(),
  operatorIp: z.string().nullable(),
  paths: z.array(RankedPath),
});

/** Outcome of one check. */
export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'skip', 'error']);

/** How to fix a failing link: steps in plain language, the `az` equivalent, and a portal link. */
export const Remediation = z.object({
  steps: z.array(CheckText),
  az: z.string().nullable(),
  portal: z.string().nullable(),
});

/** The result of one check in one run. */
export const CheckResult = z.object({
  checkId: z.string(),
  title: z.string(),
  hops: CheckHops,
  status: CheckStatus,
  evidence: z.array(CheckText),
  remediation: Remediation.nullable(),
  durationMs: z.number(),
});

/** A check as listed before it runs. */
export const CheckInfo = z.object({ id: z.string(), title: z.string(), hops: CheckHops });

/** A whole checklist run: what was asked, what has finished, and whether it is still going. */
export const ChecklistRun = z.object({
  runId: z.string(),
  clusterId: z.string(),
  pathId: PathId,
  state: z.enum(['running', 'completed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  checks: z.array(CheckInfo),
  results: z.array(CheckResult),
});

/** Counts per status of a finished run. */
export const ChecklistSummary = z.object({
  pass: z.number(),
  warn: z.number(),
  fail: z.number(),
  skip: z.number(),
  error: z.number(),
});

const RunId = z.string().regex(/^[a-f0-9-]{8,64}$/);
/** A check's id as the checks register it (`vnet-peering`, `jumpbox-tcp-443`). */
const CheckId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a check id');
const IpAddress = z.union([z.ipv4(), z.ipv6()]);

/** A JIT rule's source: one address or a CIDR prefix (ARM's `allowedSourceAddressPrefix`). */
export const JitSourcePrefix = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/** The source main chose for a JIT rule on one path (null when it cannot tell), and why, as a code with values. */
export const JitSource = z.object({
  source: z.string().nullable(),
  code: z.enum(['bastion-subnet', 'bastion-subnet-unknown', 'workstation-private', 'vpn-client-pool', 'vpn-unknown', 'on-premises-unknown', 'egress-ip', 'egress-unknown']),
  params: z.record(z.string(), z.string()),
});

/** Most files one command invoke may attach (`az aks command invoke --file`). */
export const MAX_ATTACHED_FILES = 20;

/** Largest total size of attached files, in bytes before base64 (they travel zipped in `context`). */
export const MAX_ATTACHED_BYTES = 2 * 1024 * 1024;

/** Request ceiling for command invoke: the files as base64 (4/3 of their size) plus the command and names. */
const MAX_COMMAND_INVOKE_REQUEST_BYTES = Math.ceil((MAX_ATTACHED_BYTES * 4) / 3) + 64 * 1024;

/** A file the command needs, placed in the command's working directory under `name` (no folders). */
export const AttachedFile = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(255)
    .regex(/^(?!\.{1,2}$)[^/\\\x00-\x1f:*?"<>|]+$/, 'must be a plain file name without folders or control characters'),
  contentBase64: z.string().max(Math.ceil((MAX_ATTACHED_BYTES * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});

/** Invokes of the Azure layer: tenants, inventory, topology, path ranking, JIT, command invoke. */
export const azureInvokes = {
  'azure.tenants': invoke(NoRequest, z.array(Tenant)),
  'azure.inventory': invoke(
    z.strictObject({ tenantId: z.string().max(64).optional(), refresh: z.boolean().optional() }),
    Inventory,
  ),
  'azure.topology': invoke(z.strictObject({ clusterId: AzureResourceId }), Topology),
  'azure.paths': invoke(
    z.strictObject({ clusterId: AzureResourceId, preferences: PathPreferences.optional(), operatorIp: IpAddress.optional() }),
    PathRanking,
  ),
  'azure.jitRequest': invoke(
    z.strictObject({
      vmId: AzureResourceId,
      port: z.number().int().min(1).max(65535),
      durationMinutes: z.number().int().min(5).max(1440),
      sourceIp: JitSourcePrefix.optional(),
      justification: z.string().max(500).optional(),
    }),
    z.object({ status: z.string(), endTimeUtc: z.string(), policyId: z.string() }),
  ),
  'azure.jitSource': invoke(z.strictObject({ clusterId: AzureResourceId, pathId: PathId }), JitSource),
  'azure.commandInvoke': invoke(
    z.strictObject({
      clusterId: AzureResourceId,
      command: z.string().min(1).max(4096),
      files: z.array(AttachedFile).max(MAX_ATTACHED_FILES).optional(),
    }),
    z.object({
      provisioningState: z.string(),
      exitCode: z.number().nullable(),
      logs: z.string(),
      truncated: z.boolean(),
      reason: z.string().nullable(),
      /** Who the command ran as: the operator (managed Entra, their token sent as `clusterToken`) or the cluster's admin credentials. */
      runAs: z.object({ kind: z.enum(['operator', 'cluster-admin']), username: z.string().nullable() }),
    }),
    { maxBytes: MAX_COMMAND_INVOKE_REQUEST_BYTES },
  ),
} as const;

/** Invokes of the troubleshooting checklist. */
export const checklistInvokes = {
  'checklist.run': invoke(
    z.strictObject({
      clusterId: AzureResourceId,
      pathId: PathId,
      jumpBoxId: AzureResourceId.optional(),
      bastionId: AzureResourceId.optional(),
      operatorIp: IpAddress.optional(),
      /** The key compared with the VM's: ~/.ssh/id_ed25519 (or id_ecdsa, id_rsa), or one picked in main's dialog; never a path. */
      privateKey: FileTarget.optional(),
    }),
    z.object({ runId: z.string(), checks: z.array(CheckInfo) }),
  ),
  /** Re-runs some checks of an ended run with fresh Azure reads; their results replace the old ones, then `checklist.finished` again. */
  'checklist.rerun': invoke(
    z.strictObject({ runId: RunId, checkIds: z.array(CheckId).min(1).max(64) }),
    z.object({ runId: z.string(), checkIds: z.array(z.string()) }),
  ),
  'checklist.cancel': invoke(z.strictObject({ runId: RunId }), z.object({ cancelled: z.boolean() })),
  'checklist.get': invoke(z.strictObject({ runId: RunId }), ChecklistRun),
  'checklist.export': invoke(
    z.strictObject({ runId: RunId, format: z.enum(['markdown', 'json']), wording: ExportWording.optional() }),
    z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  ),
} as const;

/** Events of the Azure layer. */
export const azureEvents = {
  'azure.inventoryChanged': event(Inventory),
} as const;

/** Events of the checklist: one per finished check, then one when the run ends. */
export const checklistEvents = {
  'checklist.result': event(z.object({ runId: z.string(), result: CheckResult })),
  'checklist.finished': event(z.object({ runId: z.string(), state: z.enum(['completed', 'cancelled']), summary: ChecklistSummary })),
} as const;
