import type { z } from 'zod';
import type { CheckResult, CheckStatus, PathId, Remediation } from '../../ipc/contract/azure';
import type { ClusterFactsLoader, JumpBoxFacts } from '../azure';
import type { Topology, TopologyPart, JumpBoxProbe } from '../azure-model';
import type { HopKind } from '../../ipc/contract/hops';
import { toCheckText, type Said } from './check-text';
import type { CheckText } from '../../ipc/contract/check-text';

/** pass | warn | fail | skip | error */
export type Status = z.output<typeof CheckStatus>;
/** Steps, `az` command and portal link. */
export type Fix = z.output<typeof Remediation>;
/** A finished check as the renderer sees it. */
export type Result = z.output<typeof CheckResult>;
/** One of the access paths. */
export type PathName = z.output<typeof PathId>;
/** A hop of the data-flow diagram. */
export type Hop = z.output<typeof HopKind>;

/** What a check returns. */
export interface CheckOutcome {
  readonly status: Status;
  readonly evidence: CheckText[];
  readonly remediation?: Fix | null;
}

/** Everything a check may read; all Azure reads go through the shared, memoised loader. */
export interface CheckContext {
  readonly facts: ClusterFactsLoader;
  readonly path: PathName;
  readonly operatorIp: string | null;
  readonly privateKeyPath: string | null;
  readonly probe: JumpBoxProbe | null;
  /** Portal origin, e.g. `https://portal.azure.com` (sovereign clouds by configuration). */
  readonly portal: string;
  readonly signal: AbortSignal;
  /** The resolved topology (memoised per run); rejects with the read error when a needed part could not be read. */
  topology(...needs: TopologyPart[]): Promise<Topology>;
  /** The jump box the path uses (requested, else the chooser's pick), or null. */
  jumpBox(): Promise<{ view: Topology['jumpBoxes'][number]; facts: JumpBoxFacts } | null>;
  /** The Bastion host the path uses (requested, else the chooser's pick), or null. */
  bastion(): Promise<Topology['bastions'][number] | null>;
}

/** A troubleshooting check: a small module with an id, a title, its hops, the paths it applies to, and `run`. */
export interface Check {
  readonly id: string;
  readonly title: string;
  /** The hops this check proves, most specific first; the diagram places it on the first one a path's flow crosses. */
  readonly hops: readonly [Hop, ...Hop[]];
  appliesTo(path: PathName): boolean;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/** Paths that reach the cluster from a jump box. */
export const JUMP_BOX_PATHS: readonly PathName[] = ['bastion-jumpbox', 'ssh-jumpbox', 'vpn', 'expressroute'];
/** Paths that need a network route into the cluster VNet. */
export const NETWORK_PATHS: readonly PathName[] = [...JUMP_BOX_PATHS, 'bastion-apiserver'];

/** `appliesTo` for a fixed list of paths. */
export function onPaths(paths: readonly PathName[]): (path: PathName) => boolean {
  return (path) => paths.includes(path);
}

/** Shorthand outcomes; plain strings become the typed `untranslated` fallback. */
export const outcome = {
  pass: (...evidence: Said[]): CheckOutcome => ({ status: 'pass', evidence: evidence.map(toCheckText) }),
  skip: (...evidence: Said[]): CheckOutcome => ({ status: 'skip', evidence: evidence.map(toCheckText) }),
  warn: (evidence: Said[], remediation: Fix | null = null): CheckOutcome => ({ status: 'warn', evidence: evidence.map(toCheckText), remediation }),
  fail: (evidence: Said[], remediation: Fix): CheckOutcome => ({ status: 'fail', evidence: evidence.map(toCheckText), remediation }),
};
