import { nameOf, parseResourceId } from '../../azure-model';
import { evaluateInbound, type TrafficSource } from '../nsg-eval';
import { JUMP_BOX_PATHS, onPaths, outcome, type Check, type CheckContext } from '../check';
import { fix, portalLink, sh } from '../remediation';
import { NOT_REPORTED, say, untranslated } from '../check-text';
import type { CheckText } from '../../../ipc/contract/check-text';

/** A note of the NSG evaluation: the one kind it writes (a rule naming application security groups) is coded. */
function noteText(note: string): CheckText {
  const asg = /^rule (.+) uses application security groups/.exec(note);
  return asg ? say('nsg.note_asg', `Note: ${note}.`, { rule: asg[1]! }) : untranslated(`Note: ${note}.`);
}

/** Where SSH comes from on this path, with its label as a coded phrase; or why it is unknown. */
async function trafficSource(ctx: CheckContext): Promise<(TrafficSource & { said: { code: 'bastion' | 'vpn_pool' | 'operator'; value: string; via: string } }) | CheckText> {
  if (ctx.path === 'bastion-jumpbox') {
    const bastion = await ctx.bastion();
    if (!bastion?.vnetId) return say('nsg.no_bastion', 'No Bastion host is chosen for this path.');
    const vnet = await ctx.facts.vnet(bastion.vnetId);
    const subnet = vnet.subnets?.find((s) => s.name === 'AzureBastionSubnet');
    const prefix = subnet?.addressPrefix ?? subnet?.addressPrefixes?.[0];
    if (!prefix) return say('nsg.no_bastion_subnet', `${nameOf(bastion.vnetId)} has no AzureBastionSubnet prefix.`, { vnet: nameOf(bastion.vnetId) });
    return { prefix, insideVnet: true, label: `AzureBastionSubnet ${prefix} (Bastion ${bastion.name})`, said: { code: 'bastion', value: prefix, via: bastion.name } };
  }
  if (ctx.path === 'vpn') {
    const gw = (await ctx.facts.gateways()).find((g) => g.gatewayType === 'Vpn');
    const pool = gw?.vpnClientConfiguration?.vpnClientAddressPool?.addressPrefixes?.[0];
    if (pool) return { prefix: pool, insideVnet: true, label: `VPN client pool ${pool} (gateway ${gw!.name})`, said: { code: 'vpn_pool', value: pool, via: gw!.name ?? NOT_REPORTED } };
  }
  if (ctx.operatorIp) return { prefix: ctx.operatorIp, insideVnet: ctx.path !== 'ssh-jumpbox', label: `your address ${ctx.operatorIp}`, said: { code: 'operator', value: ctx.operatorIp, via: '' } };
  return say('nsg.source_unknown', 'Your source address is unknown (give your egress or on-premises IP), so the NSG rules cannot be evaluated.');
}

/** An effective inbound rule allows TCP 22 to the jump box from the path's source, at subnet and NIC, with no higher-priority deny. */
export const nsgSshInbound: Check = {
  id: 'nsg-ssh-inbound',
  title: 'NSGs allow SSH (TCP 22) to the jump box',
  hops: ['public-ip-nsg', 'jumpbox'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  async run(ctx) {
    const jump = await ctx.jumpBox();
    if (!jump) return outcome.skip(say('common.no_jump_box', 'No jump box is chosen for this path.'));
    const source = await trafficSource(ctx);
    if ('code' in source) return outcome.skip(source);
    const from = { source: source.said.value, via: source.said.via };
    const layers = [
      { where: 'subnet', id: jump.view.subnetNsgId },
      { where: 'NIC', id: jump.view.nicNsgId },
    ].filter((l): l is { where: string; id: string } => !!l.id);
    if (layers.length === 0) {
      return outcome.warn(
        [say('nsg.none_attached', `Neither the subnet nor the NIC of ${jump.view.name} has an NSG: all inbound traffic the VNet routes is allowed.`, { vm: jump.view.name })],
        fix([say('nsg.fix_attach', 'Attach an NSG that allows SSH only from the expected source.')], null, portalLink(ctx.portal, jump.facts.nic?.id ?? jump.view.id, 'networkSecurityGroup')),
      );
    }
    const target = { vm: jump.view.name, ip: jump.view.privateIp ?? NOT_REPORTED };
    const evidence: CheckText[] = [say(`nsg.flow_${source.said.code}`, `Source: ${source.label}; destination ${jump.view.name} (${jump.view.privateIp ?? 'IP unknown'}) TCP 22.`, { ...from, ...target })];
    for (const layer of layers) {
      const nsg = await ctx.facts.nsg(layer.id);
      const verdict = evaluateInbound(nsg, source, 22, jump.view.privateIp);
      const rule = { nsg: nameOf(layer.id), rule: verdict.ruleName, priority: String(verdict.priority) };
      const layerCode = `nsg.${layer.where === 'subnet' ? 'subnet' : 'nic'}_${verdict.allowed ? 'allowed' : 'denied'}` as const;
      evidence.push(say(layerCode, `${layer.where} NSG ${nameOf(layer.id)}: ${verdict.allowed ? 'allowed' : 'denied'} by ${verdict.ruleName} (priority ${verdict.priority}).`, rule), ...verdict.notes.map(noteText));
      if (!verdict.allowed) {
        const id = parseResourceId(layer.id)!;
        const priority = Math.max(100, Math.min(verdict.priority, 4096) - 10);
        const denyIsCustom = verdict.priority < 65000;
        return outcome.fail(
          evidence,
          fix(
            [
              denyIsCustom
                ? say('nsg.fix_custom_deny', `Rule ${verdict.ruleName} (priority ${verdict.priority}) denies the traffic first: remove it or add an allow rule with a lower priority number.`, rule)
                : say(`nsg.fix_no_allow_${source.said.code}`, `No rule allows SSH from ${source.label}; add one (the default DenyAllInBound blocks it).`, from),
              say('nsg.fix_narrow_source', 'Allow only the expected source, never the whole internet.'),
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
