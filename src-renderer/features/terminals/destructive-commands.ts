/**
 * Finds kubectl and helm invocations whose verb changes or removes cluster state, so the paste
 * firewall (and the command-invoke console) can ask again on production clusters.
 */

/** One destructive invocation found in a piece of text. */
export interface DestructiveCommand {
  readonly tool: 'kubectl' | 'helm';
  readonly verb: string;
  /** The command segment it was found in, trimmed. */
  readonly command: string;
}

const KUBECTL_VERBS = new Set(['delete', 'drain', 'cordon', 'taint', 'replace', 'patch', 'scale', 'edit', 'annotate', 'label', 'set']);
const KUBECTL_ROLLOUT = new Set(['restart', 'undo', 'pause']);
const KUBECTL_APPLY_FLAGS = ['--prune', '--force', '--force-conflicts'];
const HELM_VERBS = new Set(['uninstall', 'delete', 'del', 'un', 'rollback', 'upgrade']);

// Global flags that take the next token as their value when written without '='.
const VALUE_FLAGS = new Set([
  '-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--cluster', '--user', '--as',
  '--as-group', '--token', '--request-timeout', '--kube-context', '--kube-apiserver', '--kube-token',
  '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '-v', '--v',
  '--repository-config', '--registry-config', '--repository-cache',
]);

function toolOf(token: string): 'kubectl' | 'helm' | undefined {
  const base = token.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
  if (base === 'kubectl' || base === 'k' || base === 'oc') return 'kubectl';
  if (base === 'helm') return 'helm';
  return undefined;
}

function unquote(token: string): string {
  return token.replace(/^(['"])(.*)\1$/, '$2');
}

/** The positional words after the tool, skipping global flags and their values. */
function positionalsAfter(tokens: readonly string[], start: number): string[] {
  const words: string[] = [];
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token.startsWith('-')) {
      if (!token.includes('=') && VALUE_FLAGS.has(token)) i++;
      continue;
    }
    words.push(token.toLowerCase());
  }
  return words;
}

function inspectSegment(segment: string): DestructiveCommand | undefined {
  const tokens = segment.trim().split(/\s+/).filter(Boolean).map(unquote);
  const at = tokens.findIndex((t) => toolOf(t) !== undefined);
  if (at < 0) return undefined;
  const tool = toolOf(tokens[at] ?? '');
  const words = positionalsAfter(tokens, at + 1);
  const verb = words[0];
  if (!verb || !tool) return undefined;
  const command = segment.trim();
  if (tool === 'helm') return HELM_VERBS.has(verb) ? { tool, verb, command } : undefined;
  if (KUBECTL_VERBS.has(verb)) return { tool, verb, command };
  if (verb === 'rollout' && KUBECTL_ROLLOUT.has(words[1] ?? '')) return { tool, verb: `rollout ${words[1]}`, command };
  if (verb === 'apply' && tokens.some((t) => KUBECTL_APPLY_FLAGS.some((f) => t === f || t.startsWith(`${f}=`)))) {
    return { tool, verb: 'apply --prune/--force', command };
  }
  return undefined;
}

/** Every destructive kubectl/helm invocation in the text, across lines and `;`, `&&`, `||`, `|`. */
export function findDestructiveCommands(text: string): DestructiveCommand[] {
  return text
    .split(/\r\n|\r|\n|;|&&|\|\||\|/)
    .map(inspectSegment)
    .filter((c): c is DestructiveCommand => c !== undefined);
}

/** True when a cluster's tags mark it as production (environment/env/stage = prod/production/prd/live). */
export function isProductionTagged(tags: Readonly<Record<string, string>> | undefined): boolean {
  if (!tags) return false;
  return Object.entries(tags).some(
    ([key, value]) => /^(environment|env|stage|tier)$/i.test(key.trim()) && /^(prod|production|prd|live)$/i.test(value.trim()),
  );
}
