/**
 * Command-invoke history per cluster, kept in memory for this run only: commands can carry
 * secrets (`--from-literal=password=…`), so they are never written to disk by the renderer.
 * Attached files are remembered by name only, never by contents.
 */

/** One finished command. */
export interface InvokeHistoryEntry {
  readonly command: string;
  /** Names of the files attached to the run (contents are not kept). */
  readonly files: readonly string[];
  readonly at: number;
  readonly exitCode: number | null;
  readonly provisioningState: string;
  readonly truncated: boolean;
}

const MAX_PER_CLUSTER = 50;

/** A history store keyed by cluster id (case-insensitive). */
export class InvokeHistory {
  private readonly byCluster = new Map<string, InvokeHistoryEntry[]>();

  /** Newest first. */
  list(clusterId: string): readonly InvokeHistoryEntry[] {
    return this.byCluster.get(clusterId.toLowerCase()) ?? [];
  }

  /** Records a run; keeps the newest 50 per cluster. */
  add(clusterId: string, entry: InvokeHistoryEntry): void {
    const key = clusterId.toLowerCase();
    this.byCluster.set(key, [entry, ...(this.byCluster.get(key) ?? [])].slice(0, MAX_PER_CLUSTER));
  }

  /** Whether the operator has acknowledged the temporary-pod warning for this cluster. */
  acknowledged(clusterId: string): boolean {
    return this.acks.has(clusterId.toLowerCase());
  }

  /** Records the acknowledgement. */
  acknowledge(clusterId: string): void {
    this.acks.add(clusterId.toLowerCase());
  }

  private readonly acks = new Set<string>();
}

/** The console's one history (lives as long as the window). */
export const invokeHistory = new InvokeHistory();

/** The documented cap on command-invoke output. */
export const OUTPUT_CAP_BYTES = 512 * 1024;
