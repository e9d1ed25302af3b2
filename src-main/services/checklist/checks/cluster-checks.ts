import { ipInRanges } from '../../azure-model';
import { onPaths, outcome, type Check } from '../check';
import { NOT_REPORTED, say } from '../check-text';
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
      const fqdn = c.fqdn ?? NOT_REPORTED;
      const access = c.publicNetworkAccess ?? NOT_REPORTED;
      const evidence = [
        say('cluster.public_api_server', `${c.name} has a public API server at ${fqdn}.`, { cluster: c.name, fqdn }),
        say('cluster.public_network_access', `Public network access: ${access}.`, { state: access }),
      ];
      if (c.publicNetworkAccess === 'Disabled' && ['public-internet', 'cloud-shell'].includes(ctx.path)) {
        return outcome.fail(evidence, fix([say('cluster.fix_enable_public_access', 'Enable public network access, or use a private path.')], `az aks update ${azTarget(c.id)} --public-network-access Enabled`, portalLink(ctx.portal, c.id, 'networking')));
      }
      return outcome.pass(...evidence);
    }
    const privateFqdn = c.privateFqdn ?? NOT_REPORTED;
    const evidence = [say('cluster.private_api_server', `${c.name} is private; its API server is ${privateFqdn}.`, { cluster: c.name, fqdn: privateFqdn })];
    if (['public-internet', 'cloud-shell'].includes(ctx.path)) {
      return outcome.fail(
        [...evidence, say('cluster.private_not_from_internet', 'A private API server cannot be reached over the internet.')],
        fix([say('cluster.fix_choose_private_path', 'Choose a private path: Bastion, VPN, ExpressRoute or command invoke.')], null, portalLink(ctx.portal, c.id, 'networking')),
      );
    }
    if (c.publicFqdnEnabled) {
      const fqdn = c.fqdn ?? NOT_REPORTED;
      return outcome.warn(
        [...evidence, say('cluster.public_fqdn_published', `The public FQDN ${fqdn} is still published; it resolves from anywhere to the private address.`, { fqdn })],
        fix([say('cluster.fix_disable_public_fqdn', 'Disable the public FQDN so the private address is not published in public DNS (kubeconfigs must then use the private FQDN).')], `az aks update ${azTarget(c.id)} --disable-public-fqdn`, portalLink(ctx.portal, c.id, 'networking')),
      );
    }
    return outcome.pass(...evidence, say('cluster.public_fqdn_disabled', 'The public FQDN is disabled.'));
  },
};

/** The operator's egress IP is inside the authorized IP ranges (the guide's public-cluster path). */
export const authorizedIpRanges: Check = {
  id: 'authorized-ip-ranges',
  title: 'Authorized IP ranges include your egress IP',
  hops: ['authorized-ips', 'api-server'],
  appliesTo: onPaths(['public-internet', 'cloud-shell']),
  async run(ctx) {
    const c = await ctx.facts.summary();
    if (c.isPrivate) return outcome.skip(say('authorized_ips.private_cluster', 'The cluster is private; authorized IP ranges do not apply.'));
    const ranges = c.authorizedIpRanges;
    const portal = portalLink(ctx.portal, c.id, 'networking');
    if (ranges.length === 0) {
      return outcome.warn(
        [say('authorized_ips.none_set', 'No authorized IP ranges are set: the API server accepts connections from any address.')],
        fix([say('authorized_ips.fix_limit', 'Limit the API server to your organisation\u2019s egress ranges.')], `az aks update ${azTarget(c.id)} --api-server-authorized-ip-ranges ${ctx.operatorIp ? `${ctx.operatorIp}/32` : '<your-egress-ip>/32'}`, portal),
      );
    }
    const listed = ranges.join(', ');
    if (!ctx.operatorIp) return outcome.skip(say('authorized_ips.egress_unknown', `Authorized ranges: ${listed}. Your egress IP is unknown (set it, or configure an egress-IP method), so it cannot be compared.`, { ranges: listed }));
    const ip = ctx.operatorIp;
    if (ipInRanges(ip, ranges)) return outcome.pass(say('authorized_ips.inside', `Your egress IP ${ip} is inside ${listed}.`, { ip, ranges: listed }));
    return outcome.fail(
      [say('authorized_ips.outside', `Your egress IP ${ip} is outside the authorized ranges ${listed}.`, { ip, ranges: listed })],
      fix([say('authorized_ips.fix_add', `Add ${ip}/32 to the authorized IP ranges (keep the existing ones).`, { range: `${ip}/32` })], `az aks update ${azTarget(c.id)} --api-server-authorized-ip-ranges ${[...ranges, `${ip}/32`].join(',')}`, portal),
    );
  },
};

const INVOKE = 'az aks command invoke';

/** Command invoke (the cluster's run command) is not disabled and the node pools can host the command pod. */
export const runCommand: Check = {
  id: 'run-command',
  title: 'Command invoke is enabled and the node pool has room',
  hops: ['command-pod', 'api-server'],
  appliesTo: onPaths(['command-invoke']),
  async run(ctx) {
    const c = await ctx.facts.summary();
    const cluster = await ctx.facts.managedCluster();
    if (c.runCommandDisabled) {
      const setting = 'apiServerAccessProfile.disableRunCommand = true';
      return outcome.fail(
        [say('command_invoke.disabled', `Command invoke (${INVOKE}) is disabled on ${c.name} (${setting}).`, { command: INVOKE, cluster: c.name, setting })],
        fix([say('command_invoke.fix_enable', 'Enable run command on the cluster, or use a network path.')], `az aks update ${azTarget(c.id)} --enable-run-command`, portalLink(ctx.portal, c.id, 'overview')),
      );
    }
    const pools = cluster.agentPoolProfiles ?? [];
    const running = pools.filter((p) => (p.count ?? 0) > 0 && (p.powerState?.code ?? 'Running') === 'Running' && (p.provisioningState ?? 'Succeeded') === 'Succeeded');
    const evidence = [
      say('command_invoke.enabled', `Command invoke (${INVOKE}) is enabled on ${c.name}.`, { command: INVOKE, cluster: c.name }),
      ...pools.map((p) => {
        const params = { pool: p.name, count: String(p.count ?? 0), size: p.vmSize ?? NOT_REPORTED, power: p.powerState?.code ?? 'Running', state: p.provisioningState ?? NOT_REPORTED };
        return say('command_invoke.node_pool', `Node pool ${params.pool}: ${params.count} × ${params.size}, ${params.power}, ${params.state}.`, params);
      }),
    ];
    if (running.length === 0) {
      return outcome.fail(
        [...evidence, say('command_invoke.no_running_pool', 'No node pool is running with nodes, so the command pod cannot be scheduled.')],
        fix([say('command_invoke.fix_start', 'Start the cluster or scale a node pool up.')], `az aks start ${azTarget(c.id)}`, portalLink(ctx.portal, c.id, 'nodePools')),
      );
    }
    return outcome.pass(...evidence, say('command_invoke.room_unknown', 'The command pod needs free CPU and memory on a node; ARM cannot show that, so a failed command with "Pending" means the pool is full.', { state: 'Pending' }));
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
    if (!jump) return outcome.skip(say('common.no_jump_box', 'No jump box is chosen for this path.'));
    const c = await ctx.facts.summary();
    const names = { vm: jump.view.name, resourceGroup: c.nodeResourceGroup ?? NOT_REPORTED };
    if (jump.view.isAksNode) {
      return outcome.fail(
        [say('aks_node.is_node', `${names.vm} is in the node resource group ${names.resourceGroup}: it is an AKS node.`, names)],
        fix([say('aks_node.fix_separate_jump_box', 'Never manage a cluster from its own nodes; use a separate jump box in a peered or the same VNet.')], null, portalLink(ctx.portal, jump.view.id)),
      );
    }
    return outcome.pass(say('aks_node.outside', `${names.vm} is outside the node resource group ${names.resourceGroup}.`, names));
  },
};
