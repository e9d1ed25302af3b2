import { type ClusterFactsLoader, resolveTopologyDetailed } from '../azure';
import { sameId, type DetailedTopology, type TopologyPart, type JumpBoxProbe } from '../azure-model';
import { rankPaths } from '../access-paths';
import type { CheckContext, PathName } from './check';

/** What the operator asked for. */
export interface RunRequest {
  readonly path: PathName;
  readonly jumpBoxId?: string | undefined;
  readonly bastionId?: string | undefined;
  readonly operatorIp?: string | null | undefined;
  readonly privateKeyPath?: string | undefined;
}

/** Builds the context every check of one run shares (one loader, one topology, one pick of jump box and Bastion). */
export function createRunContext(facts: ClusterFactsLoader, request: RunRequest, deps: { probe: JumpBoxProbe | null; portal: string; signal: AbortSignal }): CheckContext {
  let detailed: Promise<DetailedTopology> | undefined;
  let choice: Promise<{ jumpBoxId: string | null; bastionId: string | null }> | undefined;
  const getTopology = async (...needs: TopologyPart[]) => {
    const { topology, failures } = await (detailed ??= resolveTopologyDetailed(facts));
    for (const part of needs) if (failures[part] !== undefined) throw failures[part];
    return topology;
  };
  const chosen = () =>
    (choice ??= (async () => {
      const t = await getTopology();
      const ranked = rankPaths(t, {}, request.operatorIp ?? null).find((p) => p.id === request.path);
      return { jumpBoxId: request.jumpBoxId ?? ranked?.jumpBoxId ?? null, bastionId: request.bastionId ?? ranked?.bastionId ?? null };
    })());
  return {
    facts,
    path: request.path,
    operatorIp: request.operatorIp ?? null,
    privateKeyPath: request.privateKeyPath ?? null,
    probe: deps.probe,
    portal: deps.portal,
    signal: deps.signal,
    topology: getTopology,
    async jumpBox() {
      const t = await getTopology('network', 'jumpBoxes');
      const { jumpBoxId } = await chosen();
      if (!jumpBoxId) return null;
      const view = t.jumpBoxes.find((j) => sameId(j.id, jumpBoxId));
      const jf = (await facts.jumpBoxes()).find((j) => sameId(j.id, jumpBoxId));
      if (!view || !jf) throw new Error(`jump box ${jumpBoxId.split('/').at(-1)} is not in the cluster VNet or a peered VNet (it may have been deleted)`);
      return { view, facts: jf };
    },
    async bastion() {
      const t = await getTopology('network', 'bastions');
      const { bastionId } = await chosen();
      if (bastionId) return t.bastions.find((b) => sameId(b.id, bastionId)) ?? null;
      return t.bastions[0] ?? null;
    },
  };
}
