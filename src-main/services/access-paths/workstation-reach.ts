import { sameId, type Topology } from '../azure-model';
import type { WorkstationProbe, WorkstationRoute } from '../workstation';
import { reason, type Path } from './path-chooser';

/** How long the workstation's TCP connect to the jump box may take before it counts as unreachable. */
export const REACH_TIMEOUT_MS = 3000;

/** What the workstation check found for one private path: the address tried, the OS's route, and whether TCP got through. */
export interface WorkstationReach {
  readonly ip: string;
  readonly port: number;
  readonly route: WorkstationRoute | null;
  readonly connected: boolean;
}

const PRIVATE_PATHS: ReadonlySet<Path['id']> = new Set(['vpn', 'expressroute']);
const ORDER: Record<Path['availability'], number> = { available: 0, 'available-after-fix': 1, 'not-applicable': 2 };

/** The address the workstation must reach on a private path: the jump box's private IP on 22, else the API server's private endpoint on 443. */
function targetOf(t: Topology, path: Path): { ip: string; port: number } | null {
  const jump = t.jumpBoxes.find((j) => sameId(j.id, path.jumpBoxId));
  if (jump?.privateIp) return { ip: jump.privateIp, port: 22 };
  return t.dns.privateEndpointIp ? { ip: t.dns.privateEndpointIp, port: 443 } : null;
}

/** Runs the workstation check for each VPN/ExpressRoute path that applies (in parallel); null where there is nothing to try. */
export async function probeWorkstationReach(t: Topology, paths: readonly Path[], probe: WorkstationProbe): Promise<Map<Path['id'], WorkstationReach | null>> {
  const out = new Map<Path['id'], WorkstationReach | null>();
  await Promise.all(
    paths.filter((p) => PRIVATE_PATHS.has(p.id) && p.availability !== 'not-applicable').map(async (p) => {
      const target = targetOf(t, p);
      if (!target) return void out.set(p.id, null);
      const [route, connected] = await Promise.all([probe.route(target.ip), probe.connects(target.ip, target.port, REACH_TIMEOUT_MS)]);
      out.set(p.id, { ...target, route, connected });
    }),
  );
  return out;
}

/**
 * A VPN/ExpressRoute path is ready only when the gateway is and this workstation reaches the VNet now:
 * each checked path gets a reason or a fix saying what was checked (address, port, interface), an
 * unreachable or unchecked one is no longer `available`, and the ranking is re-sorted.
 */
export function withWorkstationReach(paths: readonly Path[], reach: ReadonlyMap<Path['id'], WorkstationReach | null>): Path[] {
  const out = paths.map((p): Path => {
    if (!reach.has(p.id)) return p;
    const r = reach.get(p.id) ?? null;
    if (r?.connected) {
      const via = r.route ? reason('workstation-reached', `This workstation reached ${r.ip}:${r.port} via ${r.route.interface}.`, { ip: r.ip, port: String(r.port), interface: r.route.interface }) : reason('workstation-reached-route-unknown', `This workstation reached ${r.ip}:${r.port}.`, { ip: r.ip, port: String(r.port) });
      return { ...p, reasons: [...p.reasons, via] };
    }
    const fix = !r
      ? reason('workstation-not-checked', 'Azure reports no private address to try, so the console could not check that this workstation reaches the VNet.')
      : r.route
        ? reason('workstation-unreachable', `This workstation cannot reach ${r.ip}:${r.port} (route via ${r.route.interface}). Connect the VPN or check the route.`, { ip: r.ip, port: String(r.port), interface: r.route.interface })
        : reason('workstation-no-route', `This workstation has no route to ${r.ip}. Connect the VPN (or the on-premises network) first.`, { ip: r.ip, port: String(r.port) });
    return { ...p, availability: p.availability === 'available' ? 'available-after-fix' : p.availability, fixes: [...p.fixes, fix] };
  });
  return out
    .map((p, i) => ({ p, i }))
    .sort((a, b) => ORDER[a.p.availability] - ORDER[b.p.availability] || a.i - b.i)
    .map(({ p }, i) => ({ ...p, rank: i + 1 }));
}
