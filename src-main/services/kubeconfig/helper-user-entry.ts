/** How kubectl starts the console's credential helper. */
export interface HelperCommand {
  /** The app binary (packaged) or node (development and tests). */
  readonly command: string;
  /** Arguments before the helper's own (development: the built helper entry). */
  readonly args: readonly string[];
  /** A non-default runtime folder (tests, demo): written as `--runtime-dir`. */
  readonly runtimeDir?: string;
}

/**
 * The kubeconfig `user` body that makes kubectl ask the console for a token: an exec plugin of
 * `client.authentication.k8s.io/v1` that never prompts (`interactiveMode: Never`) and names the
 * cluster (and the context, so a token is refused for contexts the console did not write).
 */
export function helperUserEntry(helper: HelperCommand, clusterId: string, contextName: string): Record<string, unknown> {
  return {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: helper.command,
      args: [...helper.args, '--kube-credential', '--cluster', clusterId, '--context', contextName, ...(helper.runtimeDir ? ['--runtime-dir', helper.runtimeDir] : [])],
      interactiveMode: 'Never',
      provideClusterInfo: false,
      installHint: 'This context gets its token from AKS Access Console: start the console and sign in.',
    },
  };
}
