import type { z } from 'zod';
import type { Topology as TopologySchema } from '../../ipc/contract/azure';

/** The resolved network around one cluster, as the renderer sees it. */
export type Topology = z.output<typeof TopologySchema>;

/** Parts of a topology that are read separately and can fail separately. */
export type TopologyPart = 'network' | 'jumpBoxes' | 'bastions' | 'gateways' | 'circuits' | 'dns' | 'jit';

/** The topology plus the error of every part that could not be read (checks must not mistake "unreadable" for "absent"). */
export interface DetailedTopology {
  readonly topology: Topology;
  readonly failures: Partial<Record<TopologyPart, unknown>>;
}
