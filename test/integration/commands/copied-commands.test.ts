import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bastionSshCommand,
  bastionTunnelCommand,
  commandInvokeCommand,
  directSshCommand,
  jitInitiateCommand,
  kubeconfigCommands,
  sshForwardCommand,
  vscodeRemoteCommand,
} from '../../../src-renderer/ui/az-commands';
import { writeRecordingStubs } from '../../support/recording-stubs';

/**
 * Every equivalent command the console shows, pasted into a real bash as the operator would: stubs
 * named az, kubectl, ssh and code record the argv they receive, which must be the argv the command
 * means (with `~` expanded to the operator's home, never a folder named `~`).
 */
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-private';
const BASTION = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bas-hub';
const VM = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jump';

let root: string;
let home: string;
let work: string;
let bin: string;
let log: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aksc-copied-'));
  home = join(root, 'home');
  work = join(root, 'work');
  bin = join(root, 'bin');
  log = join(root, 'argv.jsonl');
  for (const dir of [home, work, bin]) mkdirSync(dir);
  writeRecordingStubs(bin);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs `line` in bash -c as pasted, and returns the argv lists the stubs recorded. */
function pasted(line: string): string[][] {
  writeFileSync(log, '');
  execFileSync('bash', ['-c', line], { cwd: work, env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: home, ARGV_LOG: log } });
  return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
}

describe('equivalent commands, run as copied into bash', () => {
  it('kubeconfig: --file and --kubeconfig name the home folder\'s kubeconfig, not ./~', () => {
    const lines = kubeconfigCommands({ clusterId: CLUSTER, contextName: 'aks-private-tunnel', localPort: 8443, privateFqdn: 'aks.privatelink.japaneast.azmk8s.io' });
    expect(pasted(lines[0]!)).toEqual([
      ['az', 'aks', 'get-credentials', '--resource-group', 'rg-spoke', '--name', 'aks-private', '--subscription', '00000000-0000-0000-0000-000000000001', '--context', 'aks-private-tunnel', '--file', `${home}/.kube/config`],
    ]);
    expect(pasted(lines[1]!)).toEqual([
      ['kubectl', 'config', 'set-cluster', 'aks-private', '--kubeconfig', `${home}/.kube/config`, '--server=https://127.0.0.1:8443', '--tls-server-name=aks.privatelink.japaneast.azmk8s.io'],
    ]);
    expect(pasted(lines[2]!)).toEqual([['kubectl', '--kubeconfig', `${home}/.kube/config`, '--context', 'aks-private-tunnel', 'get', '--raw', '/version']]);
    expect(existsSync(join(work, '~'))).toBe(false);
  });

  it('kubeconfig at a chosen path with a space stays one argument', () => {
    const [first] = kubeconfigCommands({ clusterId: CLUSTER, contextName: 'c', localPort: 8443, privateFqdn: 'f', path: '~/my configs/aks' });
    expect(pasted(first!)[0]!.at(-1)).toBe(`${home}/my configs/aks`);
  });

  it('Bastion SSH: --ssh-key names the home folder\'s key', () => {
    expect(pasted(bastionSshCommand({ bastionId: BASTION, vmId: VM, username: 'azureuser' }))).toEqual([
      ['az', 'network', 'bastion', 'ssh', '--name', 'bas-hub', '--resource-group', 'rg-hub', '--subscription', '00000000-0000-0000-0000-000000000002', '--target-resource-id', VM, '--auth-type', 'ssh-key', '--username', 'azureuser', '--ssh-key', `${home}/.ssh/id_ed25519`],
    ]);
  });

  it('tunnel, forward, direct SSH, JIT, command invoke and VS Code reach their tool with the argv the console meant', () => {
    expect(pasted(bastionTunnelCommand({ bastionId: BASTION, targetResourceId: CLUSTER, resourcePort: 443, localPort: 8443 }))).toEqual([
      ['az', 'network', 'bastion', 'tunnel', '--name', 'bas-hub', '--resource-group', 'rg-hub', '--subscription', '00000000-0000-0000-0000-000000000002', '--target-resource-id', CLUSTER, '--resource-port', '443', '--port', '8443'],
    ]);
    expect(pasted(sshForwardCommand({ host: '10.0.2.4', port: 2222, username: 'azureuser', localPort: 8443, privateFqdn: 'aks.privatelink.japaneast.azmk8s.io' }))).toEqual([
      ['ssh', '-N', '-L', '127.0.0.1:8443:aks.privatelink.japaneast.azmk8s.io:443', '-p', '2222', 'azureuser@10.0.2.4'],
    ]);
    expect(pasted(directSshCommand({ host: '10.0.2.4', port: 22, username: 'azureuser', keyPath: '~/.ssh/id_ecdsa' }))).toEqual([['ssh', '-i', `${home}/.ssh/id_ecdsa`, 'azureuser@10.0.2.4']]);
    const policyId = '/subscriptions/s2/resourceGroups/rg-hub/providers/Microsoft.Security/locations/japaneast/jitNetworkAccessPolicies/default';
    const jit = pasted(jitInitiateCommand({ policyId, vmId: VM, port: 22, durationMinutes: 60, sourceIp: '203.0.113.7' }))[0]!;
    expect(jit.slice(0, 6)).toEqual(['az', 'rest', '--method', 'post', '--url', `https://management.azure.com${policyId}/initiate?api-version=2020-01-01`]);
    expect(JSON.parse(jit[7]!)).toEqual({ virtualMachines: [{ id: VM, ports: [{ number: 22, duration: 'PT60M', allowedSourceAddressPrefix: '203.0.113.7' }] }] });
    expect(pasted(commandInvokeCommand({ clusterId: CLUSTER, command: "kubectl get pods -A -o jsonpath='{.items[*].metadata.name}'", files: ['my values.yaml'] }))).toEqual([
      ['az', 'aks', 'command', 'invoke', '--resource-group', 'rg-spoke', '--name', 'aks-private', '--subscription', '00000000-0000-0000-0000-000000000001', '--command', "kubectl get pods -A -o jsonpath='{.items[*].metadata.name}'", '--file', 'my values.yaml'],
    ]);
    expect(pasted(vscodeRemoteCommand({ hostAlias: 'aks-jump', username: 'azureuser' }))).toEqual([['code', '--remote', 'ssh-remote+aks-jump', '/home/azureuser']]);
  });
});
