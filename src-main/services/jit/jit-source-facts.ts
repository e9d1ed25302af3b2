import type { z } from 'zod';
import type { PathId } from '../../ipc/contract/azure';
import { rankPaths } from '../access-paths';
import { sameId, type Topology } from '../azure-model';
import type { WorkstationProbe } from '../workstation';
import { bastionSubnetPrefix, chooseJitSource, vpnClientPool, workstationAddress, type JitSourceArm, type JitSourceChoice } from './jit-source';

/** What main reads to choose a JIT source: ARM, the workstation's routes, the egress IP. */
export interface JitSourcePorts {
  readonly arm: JitSourceArm;
  readonly workstation: WorkstationProbe;
  readonly egressIp: () => Promise<string | null>;
}

/** Gathers the facts one path needs (only those) and chooses the JIT rule's source for it. */
export async function resolveJitSource(topology: Topology, pathId: z.output<typeof PathId>, ports: JitSourcePorts): Promise<JitSourceChoice> {
  const path = rankPaths(topology).find((p) => p.id === pathId);
  const bastion = topology.bastions.find((b) => sameId(b.id, path?.bastionId ?? null));
  const jump = topology.jumpBoxes.find((j) => sameId(j.id, path?.jumpBoxId ?? null));
  const viaBastion = pathId === 'bastion-jumpbox' || pathId === 'bastion-apiserver';
  const private_ = pathId === 'vpn' || pathId === 'expressroute';
  const prefix = viaBastion && bastion ? await bastionSubnetPrefix(ports.arm, bastion.id) : null;
  const gateway = pathId === 'vpn' ? topology.gateways.find((g) => g.gatewayType === 'Vpn') : undefined;
  const pool = gateway ? await vpnClientPool(ports.arm, gateway.id) : null;
  return chooseJitSource({
    path: pathId,
    bastionSubnet: prefix && bastion ? { prefix, bastion: bastion.name } : null,
    bastionName: bastion?.name ?? null,
    workstation: private_ && jump?.privateIp ? await workstationAddress(ports.workstation, jump.privateIp) : null,
    vpnPool: pool && gateway ? { prefix: pool, gateway: gateway.name } : null,
    egressIp: viaBastion || private_ ? null : await ports.egressIp().catch(() => null),
  });
}
