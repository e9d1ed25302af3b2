/**
 * Server-side printing: the `meta.k8s.io/v1` Table kube-apiserver returns when kubectl asks for
 * `as=Table`, with the columns kube-apiserver's printers use for each resource.
 */
import type { KubeObject } from './cluster-state';

type Json = Record<string, unknown>;

/** A short age the way kubectl prints it (`45s`, `12m`, `5h`, `12d`). */
export function age(timestamp: string, now = Date.now()): string {
  const s = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172_800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

type Column = readonly [name: string, type: string, cell: (o: KubeObject) => unknown];

const ageColumn: Column = ['Age', 'string', (o) => age(o.metadata.creationTimestamp)];
const nameColumn: Column = ['Name', 'string', (o) => o.metadata.name];

const COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  namespaces: [nameColumn, ['Status', 'string', (o) => (o.status as Json).phase], ageColumn],
  nodes: [
    nameColumn,
    ['Status', 'string', (o) => (((o.status as Json).conditions as Json[]).find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady')],
    ['Roles', 'string', () => '<none>'],
    ageColumn,
    ['Version', 'string', (o) => ((o.status as Json).nodeInfo as Json).kubeletVersion],
  ],
  pods: [
    nameColumn,
    ['Ready', 'string', (o) => { const cs = ((o.status as Json).containerStatuses as Json[]) ?? []; return `${cs.filter((c) => c.ready).length}/${cs.length}`; }],
    ['Status', 'string', (o) => (o.metadata.deletionTimestamp ? 'Terminating' : (o.status as Json).phase)],
    ['Restarts', 'integer', (o) => (((o.status as Json).containerStatuses as Json[]) ?? []).reduce((n, c) => n + Number(c.restartCount ?? 0), 0)],
    ageColumn,
  ],
  deployments: [
    nameColumn,
    ['Ready', 'string', (o) => `${Number((o.status as Json).readyReplicas ?? 0)}/${Number((o.spec as Json).replicas ?? 0)}`],
    ['Up-to-date', 'integer', (o) => Number((o.status as Json).updatedReplicas ?? 0)],
    ['Available', 'integer', (o) => Number((o.status as Json).availableReplicas ?? 0)],
    ageColumn,
  ],
  events: [
    ['Last Seen', 'string', (o) => age(String(o.lastTimestamp))],
    ['Type', 'string', (o) => o.type],
    ['Reason', 'string', (o) => o.reason],
    ['Object', 'string', (o) => { const io = o.involvedObject as Json; return `${String(io.kind).toLowerCase()}/${String(io.name)}`; }],
    ['Message', 'string', (o) => o.message],
  ],
};

/** Whether the request's `Accept` asks for a Table. */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** The Table for `objects` of `resource` (rows carry PartialObjectMetadata, as with the default `includeObject=Metadata`). */
export function table(resource: string, objects: KubeObject[], resourceVersion: string): Json {
  const columns = COLUMNS[resource] ?? [nameColumn, ageColumn];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(([name, type]) => ({ name, type, format: name === 'Name' ? 'name' : '', description: '', priority: 0 })),
    rows: objects.map((o) => ({ cells: columns.map(([, , cell]) => cell(o)), object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } })),
  };
}
