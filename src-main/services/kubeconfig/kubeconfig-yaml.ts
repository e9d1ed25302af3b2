import { isMap, isSeq, parse, parseDocument, YAMLMap, type Document } from 'yaml';
import { AppError } from '../errors';

/** One named entry of a kubeconfig list (clusters, users, contexts). */
type Named = { name: string } & Record<string, unknown>;

/** The three entries that make one usable context. */
export interface ContextEntries {
  readonly cluster: Named;
  readonly user: Named;
  readonly context: Named;
  /** The API server host name the certificate is issued for (the private FQDN). */
  readonly serverName: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function named(list: unknown, name: string | undefined): Named | undefined {
  if (!Array.isArray(list)) return undefined;
  const items = list.map(asRecord).filter((x): x is Named => typeof x?.name === 'string');
  return name === undefined ? items[0] : items.find((x) => x.name === name);
}

/**
 * Turns the kubeconfig ARM returns (listClusterUserCredential) into entries that reach the API
 * server through a local tunnel: server https://127.0.0.1:<port>, tls-server-name = the original
 * host (so the certificate is still checked against the private FQDN), all renamed to `contextName`.
 */
export function tunnelledEntries(sourceYaml: string, contextName: string, localPort: number): ContextEntries {
  let source: Record<string, unknown> | undefined;
  try {
    source = asRecord(parse(sourceYaml));
  } catch {
    source = undefined;
  }
  if (!source) throw new AppError('kubeconfig.invalid_source', 'Azure returned a kubeconfig the console cannot read.');
  const current = typeof source['current-context'] === 'string' ? (source['current-context'] as string) : undefined;
  const context = named(source.contexts, current) ?? named(source.contexts, undefined);
  const contextBody = asRecord(context?.context);
  const cluster = named(source.clusters, typeof contextBody?.cluster === 'string' ? contextBody.cluster : undefined);
  const user = named(source.users, typeof contextBody?.user === 'string' ? contextBody.user : undefined);
  const clusterBody = asRecord(cluster?.cluster);
  const server = typeof clusterBody?.server === 'string' ? clusterBody.server : undefined;
  if (!cluster || !user || !clusterBody || !server) throw new AppError('kubeconfig.invalid_source', 'The kubeconfig from Azure has no usable cluster, user and context.');
  let serverName: string;
  try {
    serverName = new URL(server).hostname;
  } catch {
    throw new AppError('kubeconfig.invalid_source', 'The kubeconfig from Azure has an unreadable server address.');
  }
  const { server: _old, 'tls-server-name': _tls, ...restOfCluster } = clusterBody;
  return {
    cluster: { name: contextName, cluster: { ...restOfCluster, server: `https://127.0.0.1:${localPort}`, 'tls-server-name': serverName } },
    user: { ...user, name: contextName },
    context: { name: contextName, context: { ...(contextBody ?? {}), cluster: contextName, user: contextName } },
    serverName,
  };
}

function upsert(doc: Document, key: 'clusters' | 'users' | 'contexts', entry: Named): void {
  let list = doc.get(key);
  if (!isSeq(list)) {
    doc.set(key, doc.createNode([]));
    list = doc.get(key);
  }
  if (!isSeq(list)) return;
  const node = doc.createNode(entry);
  const index = list.items.findIndex((item) => isMap(item) && item.get('name') === entry.name);
  if (index >= 0) list.items[index] = node;
  else list.items.push(node);
}

/**
 * Merges the entries into an existing kubeconfig text (comments and other contexts kept), or
 * starts a new one. Entries of the same name are replaced; current-context is set only when the
 * file has none, so an operator's active context never switches silently.
 */
export function mergeKubeconfig(existing: string | undefined, entries: ContextEntries): string {
  const doc = existing && existing.trim() ? parseDocument(existing) : parseDocument('apiVersion: v1\nkind: Config\n');
  if (doc.errors.length > 0 || !(doc.contents instanceof YAMLMap)) {
    throw new AppError('kubeconfig.not_a_kubeconfig', 'The chosen file is not a kubeconfig (YAML with kind: Config); nothing was changed.');
  }
  // An existing file must say it is a kubeconfig: the console never rewrites some other YAML file.
  if (doc.get('kind') !== 'Config') throw new AppError('kubeconfig.not_a_kubeconfig', 'The chosen file is not a kubeconfig (it has no "kind: Config"); nothing was changed.');
  if (doc.get('apiVersion') === undefined) doc.set('apiVersion', 'v1');
  upsert(doc, 'clusters', entries.cluster);
  upsert(doc, 'users', entries.user);
  upsert(doc, 'contexts', entries.context);
  const current = doc.get('current-context');
  if (typeof current !== 'string' || current === '') doc.set('current-context', entries.context.name);
  return doc.toString();
}
