/**
 * The `az` / `kubectl` / `ssh` command equivalent to each action the console takes, so an operator
 * can audit or reproduce it by hand. Values are shell-quoted; nothing secret is ever part of them.
 */

/** Parts of an ARM resource id. */
export interface ResourceIdParts {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
}

/** Splits `/subscriptions/<s>/resourceGroups/<rg>/providers/<ns>/<type>/<name>`; the name is the last segment. */
export function parseResourceId(id: string): ResourceIdParts {
  const parts = id.split('/').filter(Boolean);
  const valueAfter = (key: string) => {
    const at = parts.findIndex((p) => p.toLowerCase() === key.toLowerCase());
    return at >= 0 ? (parts[at + 1] ?? '') : '';
  };
  return { subscriptionId: valueAfter('subscriptions'), resourceGroup: valueAfter('resourceGroups'), name: parts[parts.length - 1] ?? '' };
}

/**
 * POSIX shell quoting: bare when safe, single quotes otherwise. A leading `~/` stays outside the
 * quotes, because a quoted `~` is not expanded: `'~/.kube/config'` would name a folder called `~`
 * in the current directory.
 */
export function shellQuote(value: string): string {
  if (value.startsWith('~/') && value.length > 2) return `~/${shellQuote(value.slice(2))}`;
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

function cmd(...words: Array<string | number | false | undefined>): string {
  return words
    .filter((w): w is string | number => w !== undefined && w !== false)
    .map((w) => (typeof w === 'number' ? String(w) : w.startsWith('--') || w.startsWith('-') ? w : shellQuote(w)))
    .join(' ');
}

/** `az rest` call that starts a JIT request (the CLI has no `initiate` verb of its own). */
export function jitInitiateCommand(args: { policyId: string; vmId: string; port: number; durationMinutes: number; sourceIp?: string }): string {
  const end = `PT${args.durationMinutes}M`;
  const body = JSON.stringify({
    virtualMachines: [{ id: args.vmId, ports: [{ number: args.port, duration: end, allowedSourceAddressPrefix: args.sourceIp ?? '*' }] }],
  });
  return cmd('az', 'rest', '--method', 'post', '--url', `https://management.azure.com${args.policyId}/initiate?api-version=2020-01-01`, '--body', body);
}

/** Bastion native-client tunnel to a resource port (a VM's 22, or the managed cluster's 443). */
export function bastionTunnelCommand(args: { bastionId: string; targetResourceId: string; resourcePort: number; localPort: number }): string {
  const bastion = parseResourceId(args.bastionId);
  return cmd('az', 'network', 'bastion', 'tunnel', '--name', bastion.name, '--resource-group', bastion.resourceGroup, '--subscription', bastion.subscriptionId, '--target-resource-id', args.targetResourceId, '--resource-port', args.resourcePort, '--port', args.localPort);
}

/** SSH through Bastion with a key (what the console's Bastion terminal does). */
export function bastionSshCommand(args: { bastionId: string; vmId: string; username: string; keyPath?: string }): string {
  const bastion = parseResourceId(args.bastionId);
  return cmd('az', 'network', 'bastion', 'ssh', '--name', bastion.name, '--resource-group', bastion.resourceGroup, '--subscription', bastion.subscriptionId, '--target-resource-id', args.vmId, '--auth-type', 'ssh-key', '--username', args.username, '--ssh-key', args.keyPath ?? '~/.ssh/id_ed25519');
}

/** Plain SSH to a reachable jump box (VPN, ExpressRoute or public IP). */
export function directSshCommand(args: { host: string; port: number; username: string; keyPath?: string }): string {
  return cmd('ssh', ...(args.keyPath ? ['-i', args.keyPath] : []), ...(args.port !== 22 ? ['-p', args.port] : []), `${args.username}@${args.host}`);
}

/** SSH local port-forward through a jump box to the API server's private FQDN. */
export function sshForwardCommand(args: { host: string; port: number; username: string; localPort: number; privateFqdn: string }): string {
  return cmd('ssh', '-N', '-L', `127.0.0.1:${args.localPort}:${args.privateFqdn}:443`, ...(args.port !== 22 ? ['-p', args.port] : []), `${args.username}@${args.host}`);
}

/** The kubeconfig steps: fetch credentials into a file, then point the cluster entry at the tunnel. */
export function kubeconfigCommands(args: { clusterId: string; contextName: string; localPort: number; privateFqdn: string; path?: string }): string[] {
  const cluster = parseResourceId(args.clusterId);
  const file = args.path ?? '~/.kube/config';
  return [
    cmd('az', 'aks', 'get-credentials', '--resource-group', cluster.resourceGroup, '--name', cluster.name, '--subscription', cluster.subscriptionId, '--context', args.contextName, '--file', file),
    cmd('kubectl', 'config', 'set-cluster', cluster.name, '--kubeconfig', file, `--server=https://127.0.0.1:${args.localPort}`, `--tls-server-name=${args.privateFqdn}`),
    cmd('kubectl', '--kubeconfig', file, '--context', args.contextName, 'get', '--raw', '/version'),
  ];
}

/** `az aks command invoke` for a command string, with `--file <name>` for each attached file. */
export function commandInvokeCommand(args: { clusterId: string; command: string; files?: readonly string[] }): string {
  const cluster = parseResourceId(args.clusterId);
  const files = (args.files ?? []).flatMap((name) => ['--file', name.startsWith('-') ? `./${name}` : name]);
  return cmd('az', 'aks', 'command', 'invoke', '--resource-group', cluster.resourceGroup, '--name', cluster.name, '--subscription', cluster.subscriptionId, '--command', args.command, ...files);
}

/** VS Code Remote-SSH: the host entry's alias opened in a new window. */
export function vscodeRemoteCommand(args: { hostAlias: string; username: string }): string {
  return cmd('code', '--remote', `ssh-remote+${args.hostAlias}`, `/home/${args.username}`);
}

/** Reads the cluster's properties that decide access, as the console does. */
export function showClusterCommand(clusterId: string): string {
  const cluster = parseResourceId(clusterId);
  return cmd('az', 'aks', 'show', '--resource-group', cluster.resourceGroup, '--name', cluster.name, '--subscription', cluster.subscriptionId, '--query', '{private:apiServerAccessProfile.enablePrivateCluster,publicFqdn:apiServerAccessProfile.enablePrivateClusterPublicFqdn,authorizedIps:apiServerAccessProfile.authorizedIpRanges,runCommandDisabled:apiServerAccessProfile.disableRunCommand}');
}

/** The Resource Graph query behind the inventory. */
export function inventoryCommand(): string {
  return cmd('az', 'graph', 'query', '-q', "resources | where type =~ 'microsoft.containerservice/managedclusters' | project id, name, location, properties.apiServerAccessProfile", '--first', 1000);
}

/** Portal page of a resource (on the console's link allow-list). */
export function portalResourceLink(resourceId: string): string {
  return `https://portal.azure.com/#resource${resourceId}/overview`;
}

/** Cloud Shell (on the console's link allow-list). */
export const CLOUD_SHELL_LINK = 'https://shell.azure.com/';
