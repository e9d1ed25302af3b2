import { ipInRanges } from '../../azure-model';
import { onPaths, outcome, type Check } from '../check';
import { azTarget, fix, portalLink } from '../remediation';

/** Public or private, and whether the public FQDN of a private cluster still resolves (the guide's note). */
export const clusterExposure: Check = {
  id: 'cluster-exposure',
  title: 'API server exposure and public FQDN',
  hops: ['api-server'],
  appliesTo: () => true,
  async run(ctx) {
    const c = await ctx.facts.summary();
    if (!c.isPrivate) {
      const evidence = [`${c.name} has a public API server at ${c.fqdn ?? '(no FQDN reported)'}.`, `Public network access: ${c.publicNetworkAccess}.`];
      if (c.publicNetworkAccess === 'Disabled' && ['public-internet', 'cloud-shell'].includes(ctx.path)) {
        return outcome.fail(evidence, fix(['Enable public network access, or use a private path.'], `az aks update ${azTarget(c.id)} --public-network-access Enabled`, portalLink(ctx.portal, c.id, 'networking')));
      }
      return outcome.pass(...evidence);
    }
    const evidence = [`${c.name} is private; its API server is ${c.privateFqdn ?? '(no private FQDN reported)'}.`];
    if (['public-internet', 'cloud-shell'].includes(ctx.path)) {
      return outcome.fail([...evidence, 'A private API server cannot be reached over the internet.'], fix(['Choose a private path: Bastion, VPN, ExpressRoute or command invoke.'], null, portalLink(ctx.portal, c.id, 'networking')));
    }
    if (c.publicFqdnEnabled) {
      return outcome.warn(
        [...evidence, `The public FQDN ${c.fqdn ?? ''} is still published; it resolves from anywhere to the private address.`],
        fix(['Disable the public FQDN so the private address is not published in public DNS (kubeconfigs must then use the private FQDN).'], `az aks update ${azTarget(c.id)} --disable-public-fqdn`, portalLink(ctx.portal, c.id, 'networking')),
      );
    }
    return outcome.pass(...evidence, 'The public FQDN is disabled.');
  },
};

/** The operator's egress IP is inside the authorized IP ranges (S1). */
export const authorizedIpRanges: Check = {
  id: 'authorized-ip-ranges',
  title: 'Authorized IP ranges include your egress IP',
  hops: ['authorized-ips', 'api-server'],
  appliesTo: onPaths(['public-internet', 'cloud-shell']),
  async run(ctx) {
    const c = await ctx.facts.summary();
    if (c.isPrivate) return outcome.skip('The cluster is private; authorized IP ranges do not apply.');
    const ranges = c.authorizedIpRanges;
    const portal = portalLink(ctx.portal, c.id, 'networking');
    if (ranges.length === 0) {
      return outcome.warn(
        ['No authorized IP ranges are set: the API server accepts connections from any address.'],
        fix(['Limit the API server to your organisation\u2019s egress ranges.'], `az aks update ${azTarget(c.id)} --api-server-authorized-ip-ranges ${ctx.operatorIp ? `${ctx.operatorIp}/32` : '<your-egress-ip>/32'}`, portal),
      );
    }
    if (!ctx.operatorIp) return outcome.skip(`Authorized ranges: ${ranges.join(', ')}. Your egress IP is unknown (set it, or configure an egress-IP method), so it cannot be compared.`);
    if (ipInRanges(ctx.operatorIp, ranges)) return outcome.pass(`Your egress IP ${ctx.operatorIp} is inside ${ranges.join(', ')}.`);
    return outcome.fail(
      [`Your egress IP ${ctx.operatorIp} is outside the authorized ranges ${ranges.join(', ')}.`],
      fix([`Add ${ctx.operatorIp}/32 to the authorized IP ranges (keep the existing ones).`], `az aks update ${azTarget(c.id)} --api-server-authorized-ip-ranges ${[...ranges, `${ctx.operatorIp}/32`].join(',')}`, portal),
    );
  },
};

/** Run command is not disabled and the node pools can host the command pod (S6). */
export const runCommand: Check = {
  id: 'run-command',
  title: 'Command invoke is enabled and the node pool has room',
  hops: ['command-pod', 'api-server'],
  appliesTo: onPaths(['command-invoke']),
  async run(ctx) {
    const c = await ctx.facts.summary();
    const cluster = await ctx.facts.managedCluster();
    if (c.runCommandDisabled) {
      return outcome.fail(
        [`Run command is disabled on ${c.name} (apiServerAccessProfile.disableRunCommand = true).`],
        fix(['Enable run command on the cluster, or use a network path.'], `az aks update ${azTarget(c.id)} --enable-run-command`, portalLink(ctx.portal, c.id, 'overview')),
      );
    }
    const pools = cluster.agentPoolProfiles ?? [];
    const running = pools.filter((p) => (p.count ?? 0) > 0 && (p.powerState?.code ?? 'Running') === 'Running' && (p.provisioningState ?? 'Succeeded') === 'Succeeded');
    const evidence = [`Run command is enabled on ${c.name}.`, ...pools.map((p) => `Node pool ${p.name}: ${p.count ?? 0} × ${p.vmSize ?? '?'}, ${p.powerState?.code ?? 'Running'}, ${p.provisioningState ?? 'state unknown'}.`)];
    if (running.length === 0) {
      return outcome.fail([...evidence, 'No node pool is running with nodes, so the command pod cannot be scheduled.'], fix(['Start the cluster or scale a node pool up.'], `az aks start ${azTarget(c.id)}`, portalLink(ctx.portal, c.id, 'nodePools')));
    }
    return outcome.pass(...evidence, 'The command pod needs free CPU and memory on a node; ARM cannot show that, so a failed command with "Pending" means the pool is full.');
  },
};

/** The target is not an AKS node (the guide: never SSH into nodes). */
export const notAksNode: Check = {
  id: 'not-aks-node',
  title: 'The target is a jump box, not an AKS node',
  hops: ['jumpbox'],
  appliesTo: onPaths(['bastion-jumpbox', 'ssh-jumpbox', 'vpn', 'expressroute']),
  async run(ctx) {
    const jump = await ctx.jumpBox();
    if (!jump) return outcome.skip('No jump box is chosen for this path.');
    const c = await ctx.facts.summary();
    if (jump.view.isAksNode) {
      return outcome.fail(
        [`${jump.view.name} is in the node resource group ${c.nodeResourceGroup ?? ''}: it is an AKS node.`],
        fix(['Never manage a cluster from its own nodes; use a separate jump box in a peered or the same VNet.'], null, portalLink(ctx.portal, jump.view.id)),
      );
    }
    return outcome.pass(`${jump.view.name} is outside the node resource group ${c.nodeResourceGroup ?? '(none)'}.`);
  },
};
