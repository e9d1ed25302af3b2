import { describe, expect, it } from 'vitest';
import { bastionTunnelCommand, commandInvokeCommand, jitInitiateCommand, kubeconfigCommands, parseResourceId, shellQuote } from '../../../../src-renderer/ui/az-commands';
import { CLUSTER_ID } from '../support/fixtures';

describe('equivalent commands', () => {
  it('parses resource ids', () => {
    expect(parseResourceId(CLUSTER_ID)).toEqual({ subscriptionId: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg-spoke', name: 'aks-private' });
  });

  it('quotes shell values so a command cannot be broken out of', () => {
    expect(shellQuote('plain-value')).toBe('plain-value');
    expect(shellQuote("kubectl get pods; echo 'x'")).toBe(`'kubectl get pods; echo '"'"'x'"'"''`);
  });

  it('builds the az aks command invoke equivalent', () => {
    expect(commandInvokeCommand({ clusterId: CLUSTER_ID, command: 'kubectl get ns' })).toBe(
      "az aks command invoke --resource-group rg-spoke --name aks-private --subscription 00000000-0000-0000-0000-000000000001 --command 'kubectl get ns'",
    );
  });

  it('adds --file <name> for each attached file, quoted, and keeps a leading dash from reading as an option', () => {
    expect(commandInvokeCommand({ clusterId: CLUSTER_ID, command: 'kubectl apply -f ns.yaml', files: ['ns.yaml', 'my values.yaml', '-x.sh'] })).toBe(
      "az aks command invoke --resource-group rg-spoke --name aks-private --subscription 00000000-0000-0000-0000-000000000001 --command 'kubectl apply -f ns.yaml' --file ns.yaml --file 'my values.yaml' --file ./-x.sh",
    );
  });

  it('builds Bastion tunnel, JIT and kubeconfig equivalents', () => {
    const bastion = '/subscriptions/s1/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bas-hub';
    expect(bastionTunnelCommand({ bastionId: bastion, targetResourceId: CLUSTER_ID, resourcePort: 443, localPort: 8443 })).toContain(
      'az network bastion tunnel --name bas-hub --resource-group rg-hub --subscription s1',
    );
    const jit = jitInitiateCommand({ policyId: '/subscriptions/s1/resourceGroups/rg-hub/providers/Microsoft.Security/locations/eastus/jitNetworkAccessPolicies/default', vmId: '/subscriptions/s1/vm', port: 22, durationMinutes: 60 });
    expect(jit).toContain('/jitNetworkAccessPolicies/default/initiate?api-version=2020-01-01');
    expect(jit).toContain('"duration":"PT60M"');
    const kube = kubeconfigCommands({ clusterId: CLUSTER_ID, contextName: 'aks-private-tunnel', localPort: 8443, privateFqdn: 'aks.privatelink.eastus.azmk8s.io' });
    expect(kube[1]).toContain('--tls-server-name=aks.privatelink.eastus.azmk8s.io');
    expect(kube[1]).toContain('--server=https://127.0.0.1:8443');
  });
});
