/**
 * The objects the API server stand-in serves, in their real `v1` / `apps/v1` shapes: namespaces,
 * nodes, pods (with log lines), deployments (scaling adds or removes pods) and events. Tests read
 * and change it directly ("the pod is gone", "the deployment now has 3 replicas").
 */
import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

/** A Kubernetes object (only the parts the stand-in reads are typed). */
export interface KubeObject extends Json {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; uid: string; resourceVersion: string; creationTimestamp: string; labels?: Record<string, string>; [k: string]: unknown };
}

/** What a cluster holds at start: namespaces and deployments (each makes its pods). */
export interface WorkloadSpec {
  readonly namespaces: readonly string[];
  readonly nodes: readonly string[];
  readonly deployments: ReadonlyArray<{ readonly namespace: string; readonly name: string; readonly image: string; readonly replicas: number }>;
}

/** The default workload: a small payments service and the system pods every AKS cluster has. */
export const DEFAULT_WORKLOAD: WorkloadSpec = {
  namespaces: ['default', 'kube-system', 'payments'],
  nodes: ['aks-nodepool1-12345678-vmss000000', 'aks-nodepool1-12345678-vmss000001'],
  deployments: [
    { namespace: 'payments', name: 'payments-api', image: 'contoso.azurecr.io/payments-api:1.4.2', replicas: 2 },
    { namespace: 'kube-system', name: 'coredns', image: 'mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-8', replicas: 2 },
    { namespace: 'default', name: 'hello-web', image: 'mcr.microsoft.com/azuredocs/aks-helloworld:v1', replicas: 1 },
  ],
};

const hash = (text: string, length: number) => {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h.toString(36).padStart(length, '0').slice(-length);
};

/** The cluster's objects, keyed by resource then `namespace/name`. */
export class ClusterState {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private version = 1000;
  private readonly started = Date.now();

  /** Builds the state from a workload spec. */
  constructor(spec: WorkloadSpec = DEFAULT_WORKLOAD) {
    for (const name of spec.namespaces) this.put('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: this.meta(name), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    spec.nodes.forEach((name, i) =>
      this.put('nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { ...this.meta(name), labels: { 'kubernetes.azure.com/agentpool': 'nodepool1', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
        spec: { providerID: `azure:///subscriptions/0/resourceGroups/mc/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/virtualMachines/${i}` },
        status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }], nodeInfo: { kubeletVersion: 'v1.31.4', osImage: 'Ubuntu 22.04.5 LTS', containerRuntimeVersion: 'containerd://1.7.25-1' }, addresses: [{ type: 'InternalIP', address: `10.1.0.${10 + i}` }] },
      }),
    );
    for (const d of spec.deployments) this.addDeployment(d.namespace, d.name, d.image, d.replicas);
  }

  private meta(name: string, namespace?: string): KubeObject['metadata'] {
    return { name, ...(namespace ? { namespace } : {}), uid: randomUUID(), resourceVersion: String(++this.version), creationTimestamp: new Date(this.started - 12 * 86_400_000).toISOString() };
  }

  /** The current list resourceVersion. */
  get resourceVersion(): string {
    return String(this.version);
  }

  /** Objects of a resource, optionally in one namespace. */
  list(resource: string, namespace?: string): KubeObject[] {
    return [...(this.objects.get(resource)?.values() ?? [])].filter((o) => !namespace || o.metadata.namespace === namespace).sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  }

  /** One object, or undefined. */
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(`${namespace ?? ''}/${name}`);
  }

  /** Adds or replaces an object (bumping its resourceVersion). */
  put(resource: string, object: KubeObject): KubeObject {
    object.metadata.resourceVersion = String(++this.version);
    let bucket = this.objects.get(resource);
    if (!bucket) this.objects.set(resource, (bucket = new Map()));
    bucket.set(`${object.metadata.namespace ?? ''}/${object.metadata.name}`, object);
    return object;
  }

  /** Removes an object; returns it, or undefined when there was none. */
  delete(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = `${namespace ?? ''}/${name}`;
    const found = this.objects.get(resource)?.get(key);
    if (!found) return undefined;
    this.objects.get(resource)!.delete(key);
    this.version++;
    if (resource === 'pods') this.event(found, 'Normal', 'Killing', `Stopping container ${name.split('-')[0]}`);
    return found;
  }

  /** A deployment with a ReplicaSet hash and `replicas` running pods. */
  addDeployment(namespace: string, name: string, image: string, replicas: number): KubeObject {
    const labels = { app: name };
    const deployment = this.put('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...this.meta(name, namespace), labels, generation: 1 },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image, ports: [{ containerPort: 8080, protocol: 'TCP' }] }] } }, strategy: { type: 'RollingUpdate' } },
      status: {},
    });
    this.reconcile(deployment);
    return deployment;
  }

  /** Sets a deployment's replicas and makes or removes pods to match. */
  scale(namespace: string, name: string, replicas: number): KubeObject | undefined {
    const deployment = this.get('deployments', namespace, name);
    if (!deployment) return undefined;
    (deployment.spec as Json).replicas = replicas;
    (deployment.metadata as Json).generation = Number((deployment.metadata as Json).generation ?? 1) + 1;
    this.reconcile(deployment);
    this.event(deployment, 'Normal', 'ScalingReplicaSet', `Scaled deployment ${name} to ${replicas}`);
    return this.put('deployments', deployment);
  }

  /** Log lines of a pod's container (what `kubectl logs` prints). */
  logLines(pod: KubeObject, count: number, from = 0): string[] {
    const created = Date.parse(pod.metadata.creationTimestamp);
    return Array.from({ length: count }, (_, i) => {
      const n = from + i;
      return `${new Date(created + n * 1000).toISOString()} INFO ${pod.metadata.name} request ${n + 1} served GET /healthz 200`;
    });
  }

  private reconcile(deployment: KubeObject): void {
    const { namespace, name } = deployment.metadata;
    const spec = deployment.spec as { replicas: number; template: { spec: { containers: Json[] } } };
    const rs = `${name}-${hash(name, 10)}`;
    const pods = this.list('pods', namespace).filter((p) => p.metadata.labels?.app === name);
    for (let i = pods.length; i < spec.replicas; i++) {
      const podName = `${rs}-${hash(`${rs}${i}${this.version}`, 5)}`;
      const pod = this.put('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { ...this.meta(podName, namespace), labels: { app: name, 'pod-template-hash': hash(name, 10) }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: randomUUID(), controller: true }] },
        spec: { containers: spec.template.spec.containers, nodeName: this.list('nodes')[i % Math.max(1, this.list('nodes').length)]?.metadata.name, restartPolicy: 'Always' },
        status: { phase: 'Running', podIP: `10.244.0.${20 + (this.version % 200)}`, containerStatuses: spec.template.spec.containers.map((c) => ({ name: c.name, image: c.image, ready: true, restartCount: 0, started: true, state: { running: { startedAt: new Date(this.started).toISOString() } } })) },
      });
      this.event(pod, 'Normal', 'Started', `Started container ${String(spec.template.spec.containers[0]?.name)}`);
    }
    for (const extra of pods.slice(spec.replicas)) this.delete('pods', namespace, extra.metadata.name);
    const count = Math.min(spec.replicas, this.list('pods', namespace).filter((p) => p.metadata.labels?.app === name).length);
    deployment.status = { observedGeneration: (deployment.metadata as Json).generation, replicas: count, updatedReplicas: count, readyReplicas: count, availableReplicas: count, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] };
  }

  private event(about: KubeObject, type: string, reason: string, message: string): void {
    const namespace = about.metadata.namespace ?? 'default';
    const now = new Date().toISOString();
    this.put('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: this.meta(`${about.metadata.name}.${hash(`${reason}${this.version}`, 16)}`, namespace),
      involvedObject: { apiVersion: about.apiVersion, kind: about.kind, name: about.metadata.name, namespace, uid: about.metadata.uid },
      reason,
      message,
      type,
      source: { component: about.kind === 'Pod' ? 'kubelet' : 'deployment-controller' },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    });
  }
}
