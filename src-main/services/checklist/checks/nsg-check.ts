import { nameOf, parseResourceId } from '../../azure/arm-ids';
import { evaluateInbound, type TrafficSource } from '../nsg-eval';
import { JUMP_BOX_PATHS, onPaths, outcome, type Check, type CheckContext } from '../check';
import { fix, portalLink, sh } from '../remediation';

async function trafficSource(ctx: CheckContext): Promise<TrafficSource | string> {
  if (ctx.path === 'bastion-jumpbox') {
    const bastion = await ctx.bastion();
    if (!bastion?.vnetId) return 'No Bastion host is chosen for this path.';
    const vnet = await ctx.facts.vnet(bastion.vnetId);
    const subnet = vnet.subnets?.find((s) => s.name === 'AzureBastionSubnet');
    const prefix = subnet?.addressPrefix ?? subnet?.addressPrefixes?.[0];
    if (!prefix) return `${nameOf(bastion.vnetId)} has no AzureBastionSubnet prefix.`;
    return { prefix, insideVnet: true, label: `AzureBastionSubnet ${prefix} (Bastion ${bastion.name})` };
  }
  if (ctx.path === 'vpn') {
    const gw = (await ctx.facts.gateways()).find((g) => g.gatewayType === 'Vpn');
    const pool = gw?.vpnClientConfiguration?.vpnClientAddressPool?.addressPrefixes?.[0];
    if (pool) return { prefix: pool, insideVnet: true, label: `VPN client pool ${pool} (gateway ${gw!.name})` };
  }
  if (ctx.operatorIp) return { prefix: ctx.operatorIp, insideVnet: ctx.path !== 'ssh-jumpbox', label: `your address ${ctx.operatorIp}` };
  return 'Your source address is unknown (give your egress or on-premises IP), so the NSG rules cannot be evaluated.';
}

/** An effective inbound rule allows TCP 22 to the jump box from the path's source, at subnet and NIC, with no higher-priority deny. */
export const nsgSshInbound: Check = {
  id: 'nsg-ssh-inbound',
  title: 'NSGs allow SSH (TCP 22) to the jump box',
  hops: ['public-ip-nsg', 'jumpbox'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  async run(ctx) {
    const jump = await ctx.jumpBox();
    if (!jump) return outcome.skip('No jump box is chosen for this path.');
    const source = await trafficSource(ctx);
    if (typeof source === 'string') return outcome.skip(source);
    const layers = [
      { where: 'subnet', id: jump.view.subnetNsgId },
      { where: 'NIC', id: jump.view.nicNsgId },
    ].filter((l): l is { where: string; id: string } => !!l.id);
    if (layers.length === 0) {
      return outcome.warn(
        [`Neither the subnet nor the NIC of ${jump.view.name} has an NSG: all inbound traffic the VNet routes is allowed.`],
        fix(['Attach an NSG that allows SSH only from the expected source.'], null, portalLink(ctx.portal, jump.facts.nic?.id ?? jump.view.id, 'networkSecurityGroup')),
      );
    }
    const evidence: string[] = [`Source: ${source.label}; destination ${jump.view.name} (${jump.view.privateIp ?? 'IP unknown'}) TCP 22.`];
    for (const layer of layers) {
      const nsg = await ctx.facts.nsg(layer.id);
      const verdict = evaluateInbound(nsg, source, 22, jump.view.privateIp);
      evidence.push(`${layer.where} NSG ${nameOf(layer.id)}: ${verdict.allowed ? 'allowed' : 'denied'} by ${verdict.ruleName} (priority ${verdict.priority}).`, ...verdict.notes.map((n) => `Note: ${n}.`));
      if (!verdict.allowed) {
        const id = parseResourceId(layer.id)!;
        const priority = Math.max(100, Math.min(verdict.priority, 4096) - 10);
        const denyIsCustom = verdict.priority < 65000;
        return outcome.fail(
          evidence,
          fix(
            [
              denyIsCustom
                ? `Rule ${verdict.ruleName} (priority ${verdict.priority}) denies the traffic first: remove it or add an allow rule with a lower priority number.`
                : `No rule allows SSH from ${source.label}; add one (the default DenyAllInBound blocks it).`,
              'Allow only the expected source, never the whole internet.',
            ],
            `az network nsg rule create --subscription ${sh(id.subscriptionId)} --resource-group ${sh(id.resourceGroup ?? '')} --nsg-name ${sh(id.name)} --name AllowSshFromExpectedSource --priority ${priority} --direction Inbound --access Allow --protocol Tcp --source-address-prefixes ${sh(source.prefix)} --destination-port-ranges 22`,
            portalLink(ctx.portal, layer.id, 'inboundSecurityRules'),
          ),
        );
      }
    }
    return outcome.pass(...evidence);
  },
};
