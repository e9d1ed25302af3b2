/**
 * One instance of every kind of command the console shows with a Copy button (the equivalents in
 * `az-commands.ts` and the shapes of the `az` fixes main sends), with awkward values (spaces,
 * quotes, JSON, a home-relative path), for the tests that paste them into a shell.
 */
import {
  bastionSshCommand,
  bastionTunnelCommand,
  commandInvokeCommand,
  directSshCommand,
  inventoryCommand,
  jitInitiateCommand,
  kubeconfigCommands,
  showClusterCommand,
  shellQuote,
  sshForwardCommand,
  vscodeRemoteCommand,
} from '../../src-renderer/ui/az-commands';
import { azTarget, sh } from '../../src-main/services/checklist/remediation';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-private';
const BASTION = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bas-hub';
const VM = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jump';
const POLICY = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-hub/providers/Microsoft.Security/locations/japaneast/jitNetworkAccessPolicies/default';

/** name → the POSIX text exactly as the console shows it (several lines for a multi-step command). */
export const SHOWN_COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['kubeconfig steps', kubeconfigCommands({ clusterId: CLUSTER, contextName: 'aks-private-tunnel', localPort: 8443, privateFqdn: 'aks.privatelink.japaneast.azmk8s.io' }).join('\n')],
  ['kubeconfig at a chosen path with a space and a quote', kubeconfigCommands({ clusterId: CLUSTER, contextName: "ops' ctx", localPort: 8443, privateFqdn: 'f', path: "~/my configs/o'brien" }).join('\n')],
  ['Bastion SSH', bastionSshCommand({ bastionId: BASTION, vmId: VM, username: 'azureuser' })],
  ['Bastion tunnel', bastionTunnelCommand({ bastionId: BASTION, targetResourceId: CLUSTER, resourcePort: 443, localPort: 8443 })],
  ['SSH forward', sshForwardCommand({ host: '10.0.2.4', port: 2222, username: 'azureuser', localPort: 8443, privateFqdn: 'aks.privatelink.japaneast.azmk8s.io' })],
  ['direct SSH with a key', directSshCommand({ host: '10.0.2.4', port: 22, username: 'azureuser', keyPath: '~/.ssh/id_ecdsa' })],
  ['JIT request (JSON body)', jitInitiateCommand({ policyId: POLICY, vmId: VM, port: 22, durationMinutes: 60, sourceIp: '203.0.113.7' })],
  ['command invoke with quotes and a file', commandInvokeCommand({ clusterId: CLUSTER, command: "kubectl get pods -A -o jsonpath='{.items[*].metadata.name}'", files: ['my values.yaml', '-x.sh'] })],
  ['VS Code Remote-SSH', vscodeRemoteCommand({ hostAlias: 'aks-jump', username: 'azureuser' })],
  ['cluster properties', showClusterCommand(CLUSTER)],
  ['inventory query', inventoryCommand()],
  ['fix: az with a resource target', `az aks update ${azTarget(CLUSTER)} --disable-local-accounts`],
  ['fix: add a public key (quote in a user name, space in a path)', `az vm user update --ids ${sh(VM)} --username ${sh("o'brien")} --ssh-key-value ${sh('/home/op/keys/id ed25519.pub')}`],
  ['fix: az with --ids', `az network nic ip-config update --ids ${shellQuote(`${VM}/ipConfigurations/ipconfig1`)} --remove publicIpAddress`],
  ['fix: authorized IP ranges', `az aks update --ids ${shellQuote(CLUSTER)} --api-server-authorized-ip-ranges 203.0.113.0/24,198.51.100.7/32`],
];
