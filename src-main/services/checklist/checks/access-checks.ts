import { nameOf, parseResourceId, sameId } from '../../azure-model';
import { bastionSkuSupportsNativeClient } from '../../access-paths';
import { JUMP_BOX_PATHS, onPaths, outcome, type Check } from '../check';
import { azTarget, fix, portalLink, sh } from '../remediation';
import { NOT_REPORTED, say } from '../check-text';
import type { CheckText } from '../../../ipc/contract/check-text';

/**
 * Bastion is Standard or higher with native client (tunneling) on. The direct API-server path
 * tunnels to the managed cluster's resource id on 443 (as `az aks bastion` does), so IP connect,
 * which only allows ports 22 and 3389, is not needed; it is reported for information.
 */
export const bastionSku: Check = {
  id: 'bastion-sku',
  title: 'Bastion SKU and native client support',
  hops: ['bastion'],
  appliesTo: onPaths(['bastion-jumpbox', 'bastion-apiserver']),
  async run(ctx) {
    const b = await ctx.bastion();
    if (!b) return outcome.fail([say('bastion.none_found', 'No Bastion host was found in the jump-box VNet, the cluster VNet or a peered VNet.')], fix([say('bastion.fix_deploy', 'Deploy Azure Bastion (Standard) into an AzureBastionSubnet of the hub VNet.')], null, null));
    const sku = b.sku ?? NOT_REPORTED;
    const evidence = [
      say(`bastion.state_tunneling_${b.enableTunneling ? 'on' : 'off'}_ip_connect_${b.enableIpConnect ? 'on' : 'off'}`, `Bastion ${b.name}: SKU ${b.sku ?? 'unknown'}, native client ${b.enableTunneling ? 'on' : 'off'}, IP connect ${b.enableIpConnect ? 'on' : 'off'}.`, { bastion: b.name, sku }),
    ];
    const problems: CheckText[] = [];
    const flags: string[] = [];
    if (!bastionSkuSupportsNativeClient(b.sku)) {
      problems.push(say('bastion.sku_no_native_client', `SKU ${b.sku ?? 'unknown'} does not support the native client (az network bastion ssh/tunnel) or peered VNets; Standard or Premium is needed.`, { sku, commands: 'az network bastion ssh/tunnel' }));
      flags.push('--sku Standard');
    }
    if (!b.enableTunneling) {
      problems.push(say('bastion.tunneling_off', 'Native client support (tunneling) is off.'));
      flags.push('--enable-tunneling true');
    }
    if (problems.length === 0) return outcome.pass(...evidence);
    return outcome.fail([...evidence, ...problems], fix([say('bastion.fix_upgrade', 'Upgrade Bastion to Standard (a Basic host can be upgraded in place, not downgraded) and turn on native client support.')], `az network bastion update ${azTarget(b.id)} ${flags.join(' ')}`, portalLink(ctx.portal, b.id, 'configuration')));
  },
};

/** A JIT policy covers port 22 of the jump box; whether access is open now, for whom and until when. */
export const jitPolicy: Check = {
  id: 'jit-policy',
  title: 'Just-In-Time access policy for the jump box',
  hops: ['jit', 'jumpbox'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  async run(ctx) {
    const jump = await ctx.jumpBox();
    if (!jump) return outcome.skip(say('common.no_jump_box', 'No jump box is chosen for this path.'));
    const t = await ctx.topology('jit');
    const policy = t.jitPolicies.find((p) => p.vmIds.some((id) => sameId(id, jump.view.id)));
    if (!policy) {
      const vm = parseResourceId(jump.view.id)!;
      const location = jump.view.location.replace(/\s/g, '').toLowerCase();
      const body = JSON.stringify({ kind: 'Basic', properties: { virtualMachines: [{ id: jump.view.id, ports: [{ number: 22, protocol: '*', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' }] }] } });
      return outcome.warn(
        [say('jit.no_policy', `No JIT policy protects ${jump.view.name}: its SSH port is governed by the NSG alone.`, { vm: jump.view.name })],
        fix(
          [say('jit.fix_enable', 'Enable Just-In-Time VM access in Defender for Cloud so port 22 stays closed until someone with the right role requests it.', { product: 'Defender for Cloud' })],
          `az rest --method put --url ${sh(`https://management.azure.com/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Security/locations/${location}/jitNetworkAccessPolicies/default?api-version=2020-01-01`)} --body ${sh(body)}`,
          portalLink(ctx.portal, jump.view.id, 'jitAccess'),
        ),
      );
    }
    const ports = policy.ports.filter((p) => sameId(p.vmId, jump.view.id)).map((p) => `${p.number} (max ${p.maxRequestAccessDuration ?? '?'})`);
    const open = policy.openRequests.filter((r) => sameId(r.vmId, jump.view.id));
    const covered = { policy: policy.name, vm: jump.view.name };
    const evidence = [
      ports.length > 0
        ? say('jit.policy_ports', `Policy ${policy.name} covers ${jump.view.name} on port(s) ${ports.join(', ')}.`, { ...covered, ports: ports.join(', ') })
        : say('jit.policy_no_ports', `Policy ${policy.name} covers ${jump.view.name} on port(s) none.`, covered),
    ];
    if (!policy.ports.some((p) => sameId(p.vmId, jump.view.id) && p.number === 22)) {
      return outcome.warn([...evidence, say('jit.port22_missing', 'Port 22 is not in the policy.')], fix([say('jit.fix_add_port22', 'Add port 22 to the JIT policy.')], null, portalLink(ctx.portal, jump.view.id, 'jitAccess')));
    }
    if (open.length === 0) return outcome.pass(...evidence, say('jit.none_open', 'No access is open right now; the console requests it when you connect.'));
    return outcome.pass(
      ...evidence,
      ...open.map((r) =>
        say('jit.open_now', `Open now: port ${r.port} for ${r.requestor ?? 'unknown requestor'} from ${r.source ?? 'any'} until ${r.endTimeUtc}.`, {
          port: String(r.port),
          requestor: r.requestor ?? NOT_REPORTED,
          source: r.source ?? '*',
          until: r.endTimeUtc,
        }),
      ),
    );
  },
};

/** The VPN gateway exists and is provisioned (the guide's VPN path). */
export const vpnGateway: Check = {
  id: 'vpn-gateway',
  title: 'VPN gateway provisioned',
  hops: ['vpn-gateway'],
  appliesTo: onPaths(['vpn']),
  async run(ctx) {
    const t = await ctx.topology('gateways');
    const gw = t.gateways.find((g) => g.gatewayType === 'Vpn');
    if (!gw) return outcome.fail([say('vpn.none_found', 'No VPN gateway was found in the cluster VNet or a peered VNet.')], fix([say('vpn.fix_deploy', 'Deploy a route-based VPN gateway into the hub GatewaySubnet.', { subnet: 'GatewaySubnet' })], null, null));
    const params = { gateway: gw.name, vnet: nameOf(gw.vnetId) || NOT_REPORTED, type: gw.vpnType ?? NOT_REPORTED, sku: gw.sku ?? NOT_REPORTED, state: gw.provisioningState ?? NOT_REPORTED };
    const evidence = [say('vpn.gateway_state', `Gateway ${params.gateway} in ${params.vnet}: ${params.type}, SKU ${params.sku}, ${params.state}.`, params)];
    if (gw.provisioningState !== 'Succeeded') return outcome.fail(evidence, fix([say('vpn.fix_wait', 'Wait for the gateway deployment to finish or redeploy it.')], `az network vnet-gateway show ${azTarget(gw.id)}`, portalLink(ctx.portal, gw.id)));
    return outcome.pass(...evidence);
  },
};

/** The ExpressRoute circuit is provisioned at the provider and a gateway exists; ExpressRoute is not encrypted. */
export const expressRouteCircuit: Check = {
  id: 'expressroute-circuit',
  title: 'ExpressRoute circuit and gateway provisioned',
  hops: ['msee', 'er-gateway'],
  appliesTo: onPaths(['expressroute']),
  async run(ctx) {
    const t = await ctx.topology('gateways', 'circuits');
    const gw = t.gateways.find((g) => g.gatewayType === 'ExpressRoute');
    const circuit = t.circuits[0];
    const note = say('expressroute.not_encrypted', 'ExpressRoute traffic is not encrypted by default; use MACsec or IPsec over ExpressRoute if the data requires it.');
    const deployGateway = say('expressroute.fix_deploy_gateway', 'Deploy an ExpressRoute gateway into the hub GatewaySubnet and connect the circuit.', { subnet: 'GatewaySubnet' });
    if (!circuit) return outcome.fail([say('expressroute.no_circuit', 'No ExpressRoute circuit was found.'), note], fix([say('expressroute.fix_order', 'Order a circuit from a connectivity provider and link it to the hub gateway.')], null, null));
    const params = { circuit: circuit.name, state: circuit.circuitProvisioningState ?? NOT_REPORTED, provider: circuit.serviceProviderName ?? NOT_REPORTED, providerState: circuit.serviceProviderProvisioningState ?? NOT_REPORTED };
    const evidence = [
      say('expressroute.circuit_state', `Circuit ${params.circuit}: ${params.state}, provider ${params.provider} state ${params.providerState}.`, params),
      gw ? say('expressroute.gateway_state', `Gateway ${gw.name}: ${gw.provisioningState ?? NOT_REPORTED}.`, { gateway: gw.name, state: gw.provisioningState ?? NOT_REPORTED }) : say('expressroute.no_gateway', 'No ExpressRoute gateway was found.'),
      note,
    ];
    if (circuit.serviceProviderProvisioningState !== 'Provisioned') {
      const askProvider = circuit.serviceProviderName
        ? say('expressroute.fix_ask_provider', `Ask the provider (${circuit.serviceProviderName}) to finish provisioning; give them the circuit's service key.`, { provider: circuit.serviceProviderName })
        : say('expressroute.fix_ask_unknown_provider', 'Ask your connectivity provider to finish provisioning; give them the circuit\'s service key.');
      return outcome.fail(evidence, fix([askProvider], `az network express-route show ${azTarget(circuit.id)} --query serviceProviderProvisioningState`, portalLink(ctx.portal, circuit.id)));
    }
    if (!gw || gw.provisioningState !== 'Succeeded') return outcome.fail(evidence, fix([deployGateway], null, null));
    return outcome.pass(...evidence);
  },
};

/** The jump box runs and is highly available (availability set or VMSS). */
export const jumpBoxAvailability: Check = {
  id: 'jump-box-availability',
  title: 'Jump box running and highly available',
  hops: ['jumpbox'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  async run(ctx) {
    const jump = await ctx.jumpBox();
    if (!jump) return outcome.fail([say('jump_box.none_found', 'No jump box VM was found in the cluster VNet or a peered VNet.')], fix([say('jump_box.fix_deploy', 'Deploy a small Linux jump box (availability set or VMSS) in the hub VNet.')], null, null));
    const view = await ctx.facts.instanceView(jump.view.id);
    const power = view.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code?.slice('PowerState/'.length) ?? 'unknown';
    const text = `${jump.view.name}: power state ${power}, ${jump.view.availability === 'none' ? 'no availability set or scale set' : jump.view.availability}.`;
    const evidence = [say(`jump_box.power_${jump.view.availability === 'none' ? 'no_availability' : 'with_availability'}`, text, { vm: jump.view.name, power, availability: jump.view.availability })];
    if (power !== 'running') return outcome.fail(evidence, fix([say('jump_box.fix_start', `Start ${jump.view.name}.`, { vm: jump.view.name })], `az vm start ${azTarget(jump.view.id)}`, portalLink(ctx.portal, jump.view.id)));
    if (jump.view.availability === 'none') return outcome.warn(evidence, fix([say('jump_box.fix_availability', 'Run jump boxes in an availability set or a small VM scale set so one host failure does not cut off access.')], null, portalLink(ctx.portal, jump.view.id)));
    return outcome.pass(...evidence);
  },
};

/** No public IP on a production jump box (S8 is for dev/test only). */
export const jumpBoxPublicIp: Check = {
  id: 'jump-box-public-ip',
  title: 'Jump box public IP',
  hops: ['public-ip-nsg', 'jumpbox'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  async run(ctx) {
    const jump = await ctx.jumpBox();
    if (!jump) return outcome.skip(say('common.no_jump_box', 'No jump box is chosen for this path.'));
    const ip = jump.view.publicIp;
    const vm = jump.view.name;
    if (ctx.path === 'ssh-jumpbox') {
      if (!ip) return outcome.fail([say('jump_box.no_public_ip_for_ssh', `${vm} has no public IP, so direct SSH cannot reach it.`, { vm })], fix([say('jump_box.fix_use_bastion', 'Use Bastion (recommended) or, for dev/test only, attach a public IP.')], null, portalLink(ctx.portal, jump.view.id, 'networking')));
      return outcome.warn([say('jump_box.public_ip', `${vm} is reachable on public IP ${ip}.`, { vm, ip }), say('jump_box.public_ip_dev_only', 'Public IPs on jump boxes are for dev/test only; production access should go through Bastion.')], null);
    }
    if (!ip) return outcome.pass(say('jump_box.no_public_ip', `${vm} has no public IP.`, { vm }));
    const nic = jump.facts.nic;
    return outcome.warn(
      [say('jump_box.public_ip_unneeded', `${vm} has public IP ${ip}, which this path does not need.`, { vm, ip })],
      fix([say('jump_box.fix_remove_public_ip', 'Remove the public IP from the jump box; reach it through Bastion or the private network.')], nic?.id ? `az network nic ip-config update --ids ${sh(`${nic.id}/ipConfigurations/${nic.ipConfigurations?.[0]?.name ?? 'ipconfig1'}`)} --remove publicIpAddress` : null, portalLink(ctx.portal, jump.view.id, 'networking')),
    );
  },
};
