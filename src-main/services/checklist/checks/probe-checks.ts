import { isAppError } from '../../errors/app-error';
import type { JumpBoxTarget } from '../jump-box-probe';
import { JUMP_BOX_PATHS, onPaths, outcome, type Check, type CheckContext, type CheckOutcome } from '../check';
import { fix } from '../remediation';

const NO_PROBE = 'This check runs on the jump box itself and needs an SSH session to it, which is not available yet.';

async function withTarget(ctx: CheckContext, body: (target: JumpBoxTarget, fqdn: string, expectedIp: string | null) => Promise<CheckOutcome>): Promise<CheckOutcome> {
  const jump = await ctx.jumpBox();
  if (!jump) return outcome.skip('No jump box is chosen for this path.');
  const c = await ctx.facts.summary();
  if (!c.isPrivate || !c.privateFqdn) return outcome.skip('The cluster is public; nothing to test from the jump box.');
  if (!ctx.probe) return outcome.skip(NO_PROBE);
  const bastion = await ctx.bastion();
  const target: JumpBoxTarget = { vmId: jump.view.id, vmName: jump.view.name, privateIp: jump.view.privateIp, publicIp: jump.view.publicIp, pathId: ctx.path, bastionId: bastion?.id ?? null };
  try {
    return await body(target, c.privateFqdn, (await ctx.topology('dns')).dns.privateEndpointIp);
  } catch (error) {
    if (isAppError(error) && error.code === 'jumpbox.no_session') return outcome.skip(error.message);
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
      const evidence = [`${fqdn} → ${addresses.join(', ') || 'no address'} on ${target.vmName}.`];
      if (addresses.length === 0) return outcome.fail(evidence, fix(['Link the private DNS zone to the jump-box VNet or fix the DNS forwarder.'], null, null));
      if (expected && !addresses.includes(expected)) return outcome.fail([...evidence, `Expected the private endpoint ${expected}.`], fix(['The jump box resolves a different address: check custom DNS servers on the VNet.'], null, null));
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
        return outcome.fail([`${target.vmName} cannot open TCP 443 to ${fqdn}: ${(error as Error).message}.`], fix(['Check peering, NSG outbound rules and any firewall between the jump box and the cluster VNet.'], null, null));
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
      const evidence = [`GET https://${fqdn}/healthz → ${answer.status} ${answer.body.slice(0, 80)}`];
      if (answer.status === 200 && answer.body.trim() === 'ok') return outcome.pass(...evidence);
      return outcome.fail(evidence, fix(['The API server answered but is not healthy; check the cluster in the portal.'], null, null));
    }),
};
