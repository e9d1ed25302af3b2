/**
 * What an ARM read was reading, as a kind and the names it involves, so a failure can be worded in
 * the operator's language (`messages.subject.<kind>`) with the names kept verbatim.
 */
const ENGLISH = {
  'resource-graph': () => 'Azure Resource Graph',
  tenants: () => 'the tenant list',
  subscriptions: () => 'the subscription list',
  'subscription-clusters': (n: string) => `the AKS clusters of subscription ${n}`,
  cluster: (n: string) => `cluster ${n}`,
  vnet: (n: string) => `virtual network ${n}`,
  'subscription-vnets': (n: string) => `the virtual networks of subscription ${n}`,
  peerings: (n: string) => `the peerings of ${n}`,
  nsg: (n: string) => `network security group ${n}`,
  nic: (n: string) => `network interface ${n}`,
  'subscription-nics': (n: string) => `the network interfaces of subscription ${n}`,
  'subscription-public-ips': (n: string) => `the public IPs of subscription ${n}`,
  'group-private-endpoints': (n: string) => `the private endpoints of ${n}`,
  'subscription-bastions': (n: string) => `the Bastion hosts of subscription ${n}`,
  'group-gateways': (n: string) => `the gateways of resource group ${n}`,
  'subscription-circuits': (n: string) => `the ExpressRoute circuits of subscription ${n}`,
  'subscription-vms': (n: string) => `the virtual machines of subscription ${n}`,
  'vm-state': (n: string) => `the state of VM ${n}`,
  vm: (n: string) => `VM ${n}`,
  'dns-zone': (n: string) => `private DNS zone ${n}`,
  'group-dns-zones': (n: string) => `the private DNS zones of ${n}`,
  'zone-links': (n: string) => `the VNet links of zone ${n}`,
  'a-record': (n: string) => `A record ${n}`,
  'subscription-jit-policies': (n: string) => `the JIT policies of subscription ${n}`,
  'jit-request': (n: string) => `JIT access for ${n}`,
  'cluster-credentials': (n: string) => `the user credentials of ${n}`,
  'command-invoke': (n: string) => `command invoke on ${n}`,
  'run-command': (n: string) => `run command on VM ${n}`,
  'role-assignments': (n: string) => `the role assignments on ${n}`,
  'pim-eligible-roles': (n: string) => `eligible roles at ${n}`,
  'pim-active-roles': (n: string) => `active roles at ${n}`,
  'pim-policy': (n: string) => `the activation policy of ${n}`,
  'pim-pending': (n: string) => `pending requests at ${n}`,
  'pim-request': () => 'the activation request',
  'pim-withdraw': () => 'withdrawing the activation request',
  'pim-role': (n: string) => `the role ${n}`,
  'pim-eligible-groups': () => 'your eligible groups',
  'pim-active-groups': () => 'your active groups',
  'pim-group': (n: string) => `membership of ${n}`,
} as const;

/** The kinds of thing an ARM read can be reading. */
export type SubjectKind = keyof typeof ENGLISH;

/** One ARM read's subject: its kind, the name it names, and its English wording. */
export interface ArmSubject {
  readonly kind: SubjectKind;
  readonly name: string;
  readonly text: string;
}

/** The subject of a read of `kind` naming `name` (a resource, subscription or group name). */
export function subject(kind: SubjectKind, name = ''): ArmSubject {
  return { kind, name, text: ENGLISH[kind](name) };
}

/** The params that carry a subject inside a message: its nested code and its name. */
export function subjectParams(what: ArmSubject): Record<string, string> {
  return { '@what': `subject.${what.kind}`, name: what.name };
}
