import { isAppError } from '../../errors';
import type { JumpBoxTarget } from '../../azure-model';
import { JUMP_BOX_PATHS, onPaths, outcome, type Check, type CheckContext, type CheckOutcome } from '../check';
import { fix } from '../remediation';
import { say } from '../check-text';

const NO_PROBE = say('probe.no_session', 'This check runs on the jump box itself and needs an SSH session to it, which is not available yet.');

async function withTarget(ctx: CheckContext, body: (target: JumpBoxTarget, fqdn: string, expectedIp: string | null) => Promise<CheckOutcome>): Promise<CheckOutcome> {
  const jump = await ctx.jumpBox();
  if (!jump) return outcome.skip(say('common.no_jump_box', 'No jump box is chosen for this path.'));
  const c = await ctx.facts.summary();
  if (!c.isPrivate || !c.privateFqdn) return outcome.skip(say('probe.public_cluster', 'The cluster is public; nothing to test from the jump box.'));
  if (!ctx.probe) return outcome.skip(NO_PROBE);
  const bastion = await ctx.bastion();
  const target: JumpBoxTarget = { vmId: jump.view.id, vmName: jump.view.name, privateIp: jump.view.privateIp, publicIp: jump.view.publicIp, pathId: ctx.path, bastionId: bastion?.id ?? null };
  try {
    return await body(target, c.privateFqdn, (await ctx.topology('dns')).dns.privateEndpointIp);
  } catch (error) {
    if (isAppError(error) && error.code === 'jumpbox.no_session') return outcome.skip(say('probe.open_terminal_first', error.message, { vm: target.vmName }));
    throw error;
  }
}

/** The private FQDN resolves on the jump box to the private endpoint IP. */
export const jumpBoxDns: Check = {
  id: 'jumpbox-dns',
  title: 'The API server name resolves on the jump box',
  hops: ['dns'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  run: (ctx) =>
    withTarget(ctx, async (target, fqdn, expected) => {
      const addresses = await ctx.probe!.resolve(target, fqdn, ctx.signal);
      const evidence = [
        addresses.length > 0
          ? say('probe.resolved', `${fqdn} → ${addresses.join(', ')} on ${target.vmName}.`, { fqdn, ips: addresses.join(', '), vm: target.vmName })
          : say('probe.not_resolved', `${fqdn} → no address on ${target.vmName}.`, { fqdn, vm: target.vmName }),
      ];
      if (addresses.length === 0) return outcome.fail(evidence, fix([say('probe.fix_dns_link', 'Link the private DNS zone to the jump-box VNet or fix the DNS forwarder.')], null, null));
      if (expected && !addresses.includes(expected)) return outcome.fail([...evidence, say('probe.expected_endpoint', `Expected the private endpoint ${expected}.`, { ip: expected })], fix([say('probe.fix_custom_dns', 'The jump box resolves a different address: check custom DNS servers on the VNet.')], null, null));
      return outcome.pass(...evidence);
    }),
};

/** TCP 443 to the API server opens from the jump box. */
export const jumpBoxTcp: Check = {
  id: 'jumpbox-tcp-443',
  title: 'TCP 443 to the API server from the jump box',
  hops: ['jumpbox'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  run: (ctx) =>
    withTarget(ctx, async (target, fqdn) => {
      try {
        return outcome.pass(await ctx.probe!.tcpConnect(target, fqdn, 443, ctx.signal));
      } catch (error) {
        if (isAppError(error) && error.code.startsWith('jumpbox.')) throw error;
        const detail = (error as Error).message;
        return outcome.fail([say('probe.tcp_refused', `${target.vmName} cannot open TCP 443 to ${fqdn}: ${detail}.`, { vm: target.vmName, fqdn, detail })], fix([say('probe.fix_route', 'Check peering, NSG outbound rules and any firewall between the jump box and the cluster VNet.')], null, null));
      }
    }),
};

/** `/healthz` answers ok from the jump box. */
export const jumpBoxHealthz: Check = {
  id: 'jumpbox-healthz',
  title: 'API server /healthz answers from the jump box',
  hops: ['jumpbox'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  run: (ctx) =>
    withTarget(ctx, async (target, fqdn) => {
      const answer = await ctx.probe!.httpsGet(target, `https://${fqdn}/healthz`, ctx.signal);
      const evidence = [say('probe.healthz', `GET https://${fqdn}/healthz → ${answer.status} ${answer.body.slice(0, 80)}`, { url: `https://${fqdn}/healthz`, status: String(answer.status), body: answer.body.slice(0, 80) })];
      if (answer.status === 200 && answer.body.trim() === 'ok') return outcome.pass(...evidence);
      return outcome.fail(evidence, fix([say('probe.fix_unhealthy', 'The API server answered but is not healthy; check the cluster in the portal.')], null, null));
    }),
};
