/**
 * The resource endpoints: get / list (JSON or Table, `fieldSelector=metadata.name=`), watch (a
 * streaming answer), delete, the deployments' `scale` subresource and the pods' `log` subresource
 * (`follow=true` streams until the client goes away). State changes are real: a deleted pod is gone.
 */
import type { ServerResponse } from 'node:http';
import type { Attributes } from './rbac';
import type { ClusterState, KubeObject } from './cluster-state';
import type { ResourceType } from './resources';
import { table, wantsTable } from './tables';

/** An answer: a JSON or text body, or a stream the handler writes itself. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly stream?: (res: ServerResponse) => void;
  /** Extra response headers (a 401's `WWW-Authenticate` challenge). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A kube-apiserver `Status` failure. */
export function status(code: number, reason: string, message: string, details: Record<string, unknown> = {}): Reply {
  const clean = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== ''));
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details: clean, code } };
}

const notFound = (type: ResourceType, name: string) => status(404, 'NotFound', `${type.resource}${type.group ? `.${type.group}` : ''} "${name}" not found`, { name, group: type.group, kind: type.resource });

function scaleOf(deployment: KubeObject): Record<string, unknown> {
  const spec = deployment.spec as { replicas: number; selector: { matchLabels: Record<string, string> } };
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: deployment.metadata.name, namespace: deployment.metadata.namespace, uid: deployment.metadata.uid, resourceVersion: deployment.metadata.resourceVersion, creationTimestamp: deployment.metadata.creationTimestamp },
    spec: { replicas: spec.replicas },
    status: { replicas: Number((deployment.status as Record<string, unknown>).replicas ?? 0), selector: Object.entries(spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(',') },
  };
}

function serveScale(state: ClusterState, type: ResourceType, a: Attributes, body: unknown): Reply {
  const deployment = state.get('deployments', a.namespace, a.name!);
  if (!deployment) return notFound(type, a.name!);
  if (a.verb === 'get') return { status: 200, body: scaleOf(deployment) };
  const replicas = (body as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) return status(422, 'Invalid', `Scale.autoscaling "${a.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
  return { status: 200, body: scaleOf(state.scale(a.namespace!, a.name!, replicas)!) };
}

function serveLog(state: ClusterState, type: ResourceType, a: Attributes, url: URL): Reply {
  const pod = state.get('pods', a.namespace, a.name!);
  if (!pod) return notFound(type, a.name!);
  const tail = Number(url.searchParams.get('tailLines') ?? '') || 20;
  const lines = state.logLines(pod, 20).slice(-tail);
  if (url.searchParams.get('follow') !== 'true') return { status: 200, body: `${lines.join('\n')}\n`, contentType: 'text/plain' };
  return {
    status: 200,
    contentType: 'text/plain',
    stream: (res) => {
      res.write(`${lines.join('\n')}\n`);
      let next = 20;
      const timer = setInterval(() => {
        if (!state.get('pods', a.namespace, a.name!)) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(`${state.logLines(pod, 1, next++)[0]!}\n`);
      }, 200);
      res.on('close', () => clearInterval(timer));
    },
  };
}

function selected(objects: KubeObject[], url: URL): KubeObject[] {
  const field = url.searchParams.get('fieldSelector');
  const name = field ? /^metadata\.name=(.+)$/.exec(field)?.[1] : undefined;
  const label = url.searchParams.get('labelSelector');
  const pairs = label ? label.split(',').map((p) => p.split('=')) : [];
  return objects.filter((o) => (!name || o.metadata.name === name) && pairs.every(([k, v]) => o.metadata.labels?.[k!] === v));
}

function serveWatch(state: ClusterState, type: ResourceType, a: Attributes, url: URL): Reply {
  return {
    status: 200,
    contentType: 'application/json',
    stream: (res) => {
      let known = new Map(selected(state.list(type.resource, a.namespace), url).map((o) => [o.metadata.uid, o]));
      if (!url.searchParams.get('resourceVersion')) for (const o of known.values()) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
      const timer = setInterval(() => {
        const now = new Map(selected(state.list(type.resource, a.namespace), url).map((o) => [o.metadata.uid, o]));
        for (const [uid, o] of known) if (!now.has(uid)) res.write(`${JSON.stringify({ type: 'DELETED', object: o })}\n`);
        for (const [uid, o] of now) if (!known.has(uid)) res.write(`${JSON.stringify({ type: 'ADDED', object: o })}\n`);
        known = now;
      }, 100);
      res.on('close', () => clearInterval(timer));
    },
  };
}

/** Serves a request on a resource endpoint that RBAC already allowed. */
export function serveResource(state: ClusterState, type: ResourceType, a: Attributes, url: URL, accept: string | undefined, body: unknown): Reply {
  if (a.namespace && type.namespaced && !state.get('namespaces', undefined, a.namespace) && a.verb !== 'list') return status(404, 'NotFound', `namespaces "${a.namespace}" not found`, { name: a.namespace, kind: 'namespaces' });
  if (a.subresource === 'scale' && type.resource === 'deployments') return serveScale(state, type, a, body);
  if (a.subresource === 'log' && type.resource === 'pods') return serveLog(state, type, a, url);
  if (a.subresource) return status(404, 'NotFound', 'the server could not find the requested resource');
  const namespace = type.namespaced ? a.namespace : undefined;
  if (a.verb === 'watch') return serveWatch(state, type, a, url);
  if (a.verb === 'list') {
    const items = selected(state.list(type.resource, namespace), url);
    if (wantsTable(accept)) return { status: 200, body: table(type.resource, items, state.resourceVersion) };
    return { status: 200, body: { kind: `${type.kind}List`, apiVersion: type.group ? `${type.group}/${type.version}` : type.version, metadata: { resourceVersion: state.resourceVersion }, items } };
  }
  const found = state.get(type.resource, namespace, a.name!);
  if (!found) return notFound(type, a.name!);
  if (a.verb === 'get') return { status: 200, body: wantsTable(accept) ? table(type.resource, [found], state.resourceVersion) : found };
  if (a.verb === 'delete') {
    state.delete(type.resource, namespace, a.name!);
    return { status: 200, body: { ...found, metadata: { ...found.metadata, deletionTimestamp: new Date().toISOString(), deletionGracePeriodSeconds: 0 } } };
  }
  return status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${a.verb} ${type.resource})`);
}
