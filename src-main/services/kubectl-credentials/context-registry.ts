import { z } from 'zod';
import type { JsonFile } from '../storage';

/** One context the console wrote (never a credential). */
export const RegisteredContext = z.strictObject({
  clusterId: z.string().min(1).max(512),
  contextName: z.string().min(1).max(120),
  /** The cluster's own Entra tenant: tokens for it are asked for there. */
  tenantId: z.string().min(1).max(64),
  /** The kubeconfig file that holds the context. */
  path: z.string().min(1).max(4096),
  /** An operator's kubeconfig, or a kubectl terminal tab's own file (removed with the tab). */
  source: z.enum(['kubeconfig', 'terminal-tab']),
  writtenAt: z.string(),
});

/** The registry file's shape. */
export const RegistryDocument = z.strictObject({ version: z.literal(1), contexts: z.array(RegisteredContext).max(1000) });

/** A registered context. */
export type RegisteredContextValue = z.output<typeof RegisteredContext>;

function sameCluster(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The clusters the console wrote a kubeconfig context for, persisted (ids, names and paths only) so
 * a token is issued only for a cluster the operator chose through the console, across restarts.
 */
export class ContextRegistry {
  private queue: Promise<unknown> = Promise.resolve();

  /** Creates the registry over its file. */
  constructor(private readonly file: JsonFile<z.output<typeof RegistryDocument>>) {}

  /** Records a context (replacing one of the same name in the same file). */
  register(entry: RegisteredContextValue): Promise<void> {
    return this.update((list) => [...list.filter((c) => !(c.contextName === entry.contextName && c.path === entry.path)), entry]);
  }

  /** Forgets a context (a closed terminal tab's file). */
  unregister(contextName: string, filePath: string): Promise<void> {
    return this.update((list) => list.filter((c) => !(c.contextName === contextName && c.path === filePath)));
  }

  /** The registered context for a cluster: by name when given, else the latest one for the cluster. */
  async find(clusterId: string, contextName?: string): Promise<RegisteredContextValue | undefined> {
    const list = (await this.file.read()).value.contexts.filter((c) => sameCluster(c.clusterId, clusterId));
    return contextName === undefined ? list.at(-1) : list.find((c) => c.contextName === contextName);
  }

  private update(change: (list: RegisteredContextValue[]) => RegisteredContextValue[]): Promise<void> {
    const next = this.queue.then(async () => {
      const current = (await this.file.read()).value;
      await this.file.write({ version: 1, contexts: change(current.contexts) });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
